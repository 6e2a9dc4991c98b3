// A progress bar on standard error, drawn only when it is a terminal.
#pragma once

#include <cstdint>
#include <string>

namespace citykb {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar();  // ends the line if anything was drawn
  void Update(int64_t done, int64_t total);

 private:
  std::string label_;
  bool tty_;
  bool drawn_ = false;
  int last_percent_ = -1;
};

}  // namespace citykb
