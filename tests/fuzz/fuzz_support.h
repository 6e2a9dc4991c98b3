// Shared pieces of the libFuzzer targets: a check that aborts (so libFuzzer
// records the input) and a temporary directory removed at exit.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

namespace citykb::fuzz {

// Aborts with a message when `ok` is false: a broken invariant is a finding.
inline void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
  }
}

inline std::string_view AsText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A fresh directory under the system temp dir, removed when the process exits.
// (Never freed: the exit handler that removes it runs after static destructors.)
inline const std::string& ScratchDir() {
  static const std::string* dir = [] {
    auto* templ = new std::string((std::filesystem::temp_directory_path() / "citykb-fuzz-XXXXXX").string());
    if (!mkdtemp(templ->data())) std::abort();
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(*dir, ec);
    });
    return templ;
  }();
  return *dir;
}

}  // namespace citykb::fuzz
