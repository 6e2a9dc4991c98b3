#include "index/touched_log.h"

#include <algorithm>
#include <charconv>
#include <string>

namespace citykb::touched_log {
namespace {

constexpr char kPrefix[] = "citykb:touched:";
constexpr char kAll[] = "all";
constexpr char kIds[] = "ids:";  // never empty: an empty value deletes a key

std::string Key(Xapian::rev rev) { return kPrefix + std::to_string(rev); }

}  // namespace

void Record(Xapian::WritableDatabase& db, const std::vector<Xapian::docid>& ids) {
  const Xapian::rev next = db.get_revision() + 1;
  std::string value;
  if (ids.size() > kMaxIds) {
    value = kAll;
  } else {
    value = kIds;
    for (size_t i = 0; i < ids.size(); ++i) {
      if (i > 0) value += ',';
      value += std::to_string(ids[i]);
    }
  }
  db.set_metadata(Key(next), value);
  if (next > kKept) db.set_metadata(Key(next - kKept), std::string());
}

std::optional<std::vector<Xapian::docid>> Between(const Xapian::Database& db, Xapian::rev from, Xapian::rev to) {
  if (to <= from || to - from > kKept) return std::nullopt;
  std::vector<Xapian::docid> out;
  for (Xapian::rev r = from + 1; r <= to; ++r) {
    const std::string value = db.get_metadata(Key(r));
    if (value.rfind(kIds, 0) != 0) return std::nullopt;  // absent or "all"
    const char* p = value.data() + sizeof(kIds) - 1;
    const char* end = value.data() + value.size();
    while (p < end) {
      Xapian::docid id = 0;
      auto [next, ec] = std::from_chars(p, end, id);
      if (ec != std::errc()) return std::nullopt;
      out.push_back(id);
      p = next < end ? next + 1 : next;  // skip the comma
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace citykb::touched_log
