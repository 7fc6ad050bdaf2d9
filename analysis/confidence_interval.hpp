#pragma once
// A confidence interval for a mean from independent, roughly normal samples (replication
// means, batch means): mean ± t · s / √n, with Student's t for n − 1 degrees of freedom.
// The simulator's textbook cross-validation (issue 7) and parameter sweeps (issue 9) both
// ask "is this figure inside what the runs can tell apart?"; this answers it once.
#include <cstddef>
#include <vector>

namespace whatsim {

struct MeanInterval {
  std::size_t samples = 0;
  double mean = 0;
  double half_width = 0;  // t · s / √n, in the samples' unit

  double low() const { return mean - half_width; }
  double high() const { return mean + half_width; }
  // Inclusive at both ends: a value on the boundary is not evidence against it.
  bool contains(double value) const { return value >= low() && value <= high(); }
};

// The two-sided interval at `confidence` (e.g. 0.95) for the mean of `samples`.
// Throws std::invalid_argument for fewer than 2 samples (no spread to estimate), a
// confidence outside (0, 1), or a sample that is not a finite number.
MeanInterval mean_interval(const std::vector<double>& samples, double confidence);

}  // namespace whatsim
