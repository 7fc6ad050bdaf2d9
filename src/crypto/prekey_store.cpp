#include "src/crypto/prekey_store.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

namespace whatsim {

PrekeyStore::PrekeyStore(std::uint32_t devices, std::uint32_t batch, std::uint32_t low_threshold)
    : stock_(devices, batch), replenish_asked_(devices, false), batch_(batch), low_threshold_(low_threshold) {
  // A threshold at or above the batch would ask for a new batch on the very first fetch.
  if (low_threshold >= batch) {
    throw std::invalid_argument("prekey low_threshold (" + std::to_string(low_threshold) +
                                ") must be below the batch (" + std::to_string(batch) + ")");
  }
}

PrekeyStore::Bundle PrekeyStore::fetch(DeviceId d) {
  std::uint32_t& stock = stock_.at(d);
  ++fetches_;
  Bundle bundle;
  if (stock == 0) {
    ++exhausted_;  // X3DH falls back to the bundle without a one-time prekey
  } else {
    --stock;  // handed out and forgotten: used at most once
    bundle.one_time_prekey = true;
  }
  // Ask once: the device's upload is on its way until replenish() says it arrived.
  if (stock <= low_threshold_ && !replenish_asked_[d]) {
    replenish_asked_[d] = true;
    bundle.replenish = true;
  }
  return bundle;
}

void PrekeyStore::replenish(DeviceId d, std::uint32_t count) {
  stock_.at(d) += count;
  replenish_asked_[d] = false;
  ++replenishments_;
}

double PrekeyStore::stock_mean() const {
  if (stock_.empty()) return 0;
  const double total = std::accumulate(stock_.begin(), stock_.end(), 0.0);
  return total / static_cast<double>(stock_.size());
}

std::uint32_t PrekeyStore::stock_min() const {
  if (stock_.empty()) return 0;
  return *std::min_element(stock_.begin(), stock_.end());
}

}  // namespace whatsim
