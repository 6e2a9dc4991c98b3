#include "index/display_record.h"

#include <nlohmann/json.hpp>

#include "model/model_json.h"

namespace citykb {

using nlohmann::json;

namespace {

// The binary form: a version byte, then every field in a fixed order;
// strings and lists are preceded by their length as a varint.
constexpr char kBinaryVersion = '\x01';

class Writer {
 public:
  void Count(size_t n) {
    while (n >= 0x80) {
      out_ += static_cast<char>(0x80 | (n & 0x7F));
      n >>= 7;
    }
    out_ += static_cast<char>(n);
  }
  void Str(std::string_view s) {
    Count(s.size());
    out_ += s;
  }
  void Text(const LocalizedText& t) {
    Str(t.fr);
    Str(t.en);
  }
  void List(const std::vector<std::string>& list) {
    Count(list.size());
    for (const auto& s : list) Str(s);
  }
  void Flag(bool b) { out_ += b ? '\x01' : '\x00'; }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

// Reads what Writer wrote; after a short or malformed input every read
// gives empty values and ok() is false.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  size_t Count() {
    size_t n = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) return Fail();
      const auto b = static_cast<unsigned char>(in_[pos_++]);
      n |= static_cast<size_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return n;
    }
    return Fail();
  }
  std::string Str() {
    const size_t n = Count();
    if (n > in_.size() - pos_) return Fail(), std::string();
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  LocalizedText Text() {
    LocalizedText t;
    t.fr = Str();
    t.en = Str();
    return t;
  }
  std::vector<std::string> List() {
    const size_t n = Count();
    std::vector<std::string> list(std::min(n, in_.size() - pos_));  // never more entries than bytes left
    for (auto& s : list) s = Str();
    return list;
  }
  bool Flag() {
    if (pos_ >= in_.size()) return Fail() != 0;
    return in_[pos_++] != 0;
  }
  bool ok() const { return ok_ && pos_ == in_.size(); }
  // No read went past the end (the input may hold more).
  bool ok_so_far() const { return ok_; }

 private:
  size_t Fail() {
    ok_ = false;
    pos_ = in_.size();
    return 0;
  }
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

// Parts of a practice sheet that are lists or objects travel as JSON text
// (empty when absent): they are rare and only record pages show them.
std::string PracticeJson(const PracticeSheet& p) {
  if (p.partners.empty() && !p.budget) return {};
  json j = json::object();
  if (!p.partners.empty()) j["partners"] = p.partners;
  if (p.budget) j["budget"] = *p.budget;
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

void PracticeFromJson(std::string_view text, PracticeSheet& p) {
  if (text.empty()) return;
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return;
  try {  // the model's conversions trust their input; this text may be damaged
    if (auto it = j.find("partners"); it != j.end() && it->is_array()) it->get_to(p.partners);
    if (auto it = j.find("budget"); it != j.end() && it->is_object()) p.budget = it->get<Budget>();
  } catch (const json::exception&) {
    p.partners.clear();
    p.budget.reset();
  }
}

// What a completion shows comes first: DecodeDisplayTitle stops after it.
void WriteTitlePart(const DisplayRecord& record, Writer& w) {
  w.out() += kBinaryVersion;
  w.Str(record.doc.id);
  w.Str(record.doc.kind);
  w.Text(record.doc.title);
  w.Flag(record.person.has_value());
  if (record.person) {
    w.Str(record.person->id);
    w.Str(record.person->name);
    w.Text(record.person->title);
  }
}

// Reads what WriteTitlePart wrote into `r`.
void ReadTitlePart(Reader& in, DisplayRecord& r) {
  r.doc.id = in.Str();
  r.doc.kind = in.Str();
  r.doc.title = in.Text();
  if (in.Flag()) {
    r.person = PersonRef{in.Str(), in.Str(), in.Text()};
    r.doc.person = r.person->id;
  }
}

SourceRef SourceFromJson(const json& s) {
  auto str = [&](const char* key) {
    auto it = s.find(key);
    return it != s.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  return SourceRef{str("id"), str("title"), str("publisher"), str("published"), str("url")};
}

// The record as stored by earlier versions (JSON): decoded so that an index
// written before needs no rebuild.
DisplayRecord DecodeJsonRecord(std::string_view data) try {
  DisplayRecord r;
  json j = json::parse(data, nullptr, false);
  if (!j.is_object()) return r;
  // The display parts first, then the document itself from what is left.
  if (auto city = j.find("city"); city != j.end() && city->is_object())
    r.city = CityRef{city->value("slug", ""), city->value("name", "")};
  if (auto person = j.find("person"); person != j.end() && person->is_object()) {
    PersonRef p{person->value("id", ""), person->value("name", ""), {}};
    if (person->contains("title")) p.title = (*person)["title"].get<LocalizedText>();
    r.person = p;
  }
  if (auto sources = j.find("sources"); sources != j.end() && sources->is_array())
    for (const json& s : *sources)
      if (s.is_object()) r.sources.push_back(SourceFromJson(s));
  j.erase("city");
  j.erase("person");
  j.erase("source");
  j.erase("sources");
  r.doc = j.get<Document>();
  // The ids the objects stood in for.
  if (r.city) r.doc.city = r.city->slug;
  if (r.person) r.doc.person = r.person->id;
  for (const SourceRef& s : r.sources) r.doc.sources.push_back(s.id);
  if (!r.sources.empty()) r.doc.source = r.sources.front().id;
  return r;
} catch (const json::exception&) {  // the model's conversions trust their input; this text may be damaged
  return DisplayRecord{};
}

}  // namespace

std::string EncodeDisplayTitle(const DisplayRecord& record) {
  Writer w;
  WriteTitlePart(record, w);
  return std::move(w.out());
}

std::string EncodeDisplayRecord(const DisplayRecord& record) {
  // The document's city, person and source ids are not written: they are
  // the ids of the objects below.
  const Document& d = record.doc;
  Writer w;
  WriteTitlePart(record, w);
  w.Text(d.body);
  w.List(d.themes);
  w.List(d.stakeholders);
  w.Str(d.as_of);
  w.Str(d.date);
  w.Str(d.updated_at);
  w.Text(d.practice.challenge);
  w.Text(d.practice.approach);
  w.Text(d.practice.results);
  w.Text(d.practice.lessons);
  w.Str(PracticeJson(d.practice));
  w.Flag(record.city.has_value());
  if (record.city) {
    w.Str(record.city->slug);
    w.Str(record.city->name);
  }
  w.Count(record.sources.size());
  for (const SourceRef& s : record.sources) {
    w.Str(s.id);
    w.Str(s.title);
    w.Str(s.publisher);
    w.Str(s.published);
    w.Str(s.url);
  }
  return std::move(w.out());
}

DisplayRecord DecodeDisplayRecord(std::string_view data) {
  if (data.empty() || data[0] != kBinaryVersion) return DecodeJsonRecord(data);
  Reader in(data.substr(1));
  DisplayRecord r;
  ReadTitlePart(in, r);
  Document& d = r.doc;
  d.body = in.Text();
  d.themes = in.List();
  d.stakeholders = in.List();
  d.as_of = in.Str();
  d.date = in.Str();
  d.updated_at = in.Str();
  d.practice.challenge = in.Text();
  d.practice.approach = in.Text();
  d.practice.results = in.Text();
  d.practice.lessons = in.Text();
  PracticeFromJson(in.Str(), d.practice);
  if (in.Flag()) {
    r.city = CityRef{in.Str(), in.Str()};
    d.city = r.city->slug;
  }
  const size_t sources = std::min(in.Count(), data.size());
  for (size_t i = 0; i < sources; ++i) {
    SourceRef s{in.Str(), in.Str(), in.Str(), in.Str(), in.Str()};
    d.sources.push_back(s.id);
    r.sources.push_back(std::move(s));
  }
  if (!d.sources.empty()) d.source = d.sources.front();
  if (!in.ok()) return DisplayRecord{};
  return r;
}

DisplayTitle DecodeDisplayTitle(std::string_view data) {
  DisplayRecord r;
  if (data.empty() || data[0] != kBinaryVersion) {
    r = DecodeJsonRecord(data);
  } else {
    Reader in(data.substr(1));
    ReadTitlePart(in, r);  // the rest, if any, is not read
    if (!in.ok_so_far()) return DisplayTitle{};
  }
  return r.person ? DisplayTitle{r.doc.id, r.doc.title, r.person->id, r.person->name}
                  : DisplayTitle{r.doc.id, r.doc.title, {}, {}};
}

}  // namespace citykb
