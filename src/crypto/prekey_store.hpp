#pragma once
// The user service's one-time prekeys: each device's stock of public one-time prekeys.
// Every bundle fetch for a device hands out one (and the service forgets it: used at most
// once); an exhausted stock gives a bundle without one (X3DH then does 3 key agreements
// instead of 4). When a fetch leaves the stock at or below the threshold, the device is
// told to replenish, once until its upload arrives.
#include <cstdint>
#include <vector>

#include "src/core/ids.hpp"

namespace whatsim {

class PrekeyStore {
 public:
  // `devices` devices, each registered with a full batch. Throws std::invalid_argument
  // when low_threshold >= batch.
  PrekeyStore(std::uint32_t devices, std::uint32_t batch, std::uint32_t low_threshold);
  struct Bundle {
    bool one_time_prekey = false;  // a one-time prekey was handed out (and removed)
    bool replenish = false;        // the device should upload a new batch now
  };
  Bundle fetch(DeviceId d);
  // The device uploaded `count` new one-time prekeys.
  void replenish(DeviceId d, std::uint32_t count);

  std::uint32_t stock(DeviceId d) const { return stock_.at(d); }
  std::uint64_t fetches() const { return fetches_; }
  std::uint64_t exhausted_fetches() const { return exhausted_; }
  std::uint64_t replenishments() const { return replenishments_; }
  double stock_mean() const;
  std::uint32_t stock_min() const;

 private:
  std::vector<std::uint32_t> stock_;
  std::vector<bool> replenish_asked_;
  std::uint32_t batch_, low_threshold_;
  std::uint64_t fetches_ = 0, exhausted_ = 0, replenishments_ = 0;
};

}  // namespace whatsim
