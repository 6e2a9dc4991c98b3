// The display record: what a search hit shows of a document (the document
// with its city's name, its person's name and title, its sources' titles),
// stored by the index with each document so that a hit needs no store read.
// One Encode/Decode pair; DecodeDisplayTitle alone also reads the stored
// form (a completion's few fields, without decoding the rest).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"

namespace citykb {

struct CityRef {
  std::string slug;
  std::string name;
};

struct PersonRef {
  std::string id;
  std::string name;
  LocalizedText title;
};

struct SourceRef {
  std::string id;
  std::string title;
  std::string publisher;
  std::string published;
  std::string url;
};

struct DisplayRecord {
  Document doc;
  std::optional<CityRef> city;      // absent for cross-city records
  std::optional<PersonRef> person;  // absent when the record names no (known) person
  std::vector<SourceRef> sources;   // the known ones among doc.sources, in order

  // The first source, if any.
  std::optional<SourceRef> source() const {
    return sources.empty() ? std::nullopt : std::optional<SourceRef>(sources.front());
  }
};

// The stored form of `record`: compact binary (a version byte, then each
// field with its length), read back without parsing text, since every
// search hit decodes one.
std::string EncodeDisplayRecord(const DisplayRecord& record);

// The record `data` holds, in the binary form or the JSON form earlier
// versions stored (an index written by them needs no rebuild); unreadable
// data gives an empty record. The document's city, person and sources are
// the ids of the objects stored (a source unknown when the record was
// encoded is not among them).
DisplayRecord DecodeDisplayRecord(std::string_view data);

// What a completion shows of a record.
struct DisplayTitle {
  std::string id;
  LocalizedText title;
  std::string person_id;  // empty when the record names no (known) person
  std::string person_name;
};

// The first part of the stored form: id, kind, title and person, what a
// completion shows (kept in a value slot of its own, index_schema.h).
std::string EncodeDisplayTitle(const DisplayRecord& record);

// The id, title and person of the record `data` holds (its whole stored
// form or EncodeDisplayTitle's part), as
// DecodeDisplayRecord reads them, without building the rest (a record's
// texts are most of it); unreadable data gives an empty DisplayTitle.
DisplayTitle DecodeDisplayTitle(std::string_view data);

}  // namespace citykb
