// libFuzzer target: the stored form of a search hit's record
// (src/index/display_record.h), read from arbitrary bytes. Besides not
// crashing or reading past the input, what decodes must encode and decode
// back to the same record, and a completion's title read alone agrees.
#include <cstdint>

#include "fuzz_support.h"
#include "index/display_record.h"

using citykb::fuzz::Check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes = citykb::fuzz::AsText(data, size);
  const citykb::DisplayRecord record = citykb::DecodeDisplayRecord(bytes);
  const citykb::DisplayRecord again = citykb::DecodeDisplayRecord(citykb::EncodeDisplayRecord(record));
  Check(again.doc == record.doc, "a decoded record encodes and decodes to the same document");
  Check(again.sources.size() == record.sources.size(), "the same sources");
  Check(again.city.has_value() == record.city.has_value(), "the same city");
  Check(again.person.has_value() == record.person.has_value(), "the same person");
  // A completion's title reads what the whole record reads.
  const citykb::DisplayTitle title = citykb::DecodeDisplayTitle(bytes);
  if (!record.doc.id.empty()) {
    Check(title.id == record.doc.id && title.title == record.doc.title, "the title decodes as the whole record");
    Check(title.person_id == (record.person ? record.person->id : ""), "the same person");
  }
  return 0;
}
