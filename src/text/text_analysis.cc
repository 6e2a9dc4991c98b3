#include "text/text_analysis.h"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <memory>

namespace citykb {
namespace {

constexpr std::array<std::string_view, 14> kElisions = {"l", "d",  "j",     "m",      "n",      "s",      "t",
                                                        "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"};

constexpr std::array<std::string_view, 6> kOperators = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};

bool IsApostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0x02BC || c == 0x2018; }

bool IsWordChar(UChar32 c) {
  if (c < 0) return false;
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (u_isalnum(c)) return true;
  const int8_t type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

bool IsElision(std::string_view folded) {
  for (auto e : kElisions)
    if (folded == e) return true;
  return false;
}

// Decodes the code point at `i` (advancing it); invalid bytes give -1.
UChar32 Next(std::string_view s, size_t& i) {
  UChar32 c;
  int32_t pos = static_cast<int32_t>(i);
  U8_NEXT(s.data(), pos, static_cast<int32_t>(s.size()), c);
  i = static_cast<size_t>(pos);
  return c;
}

UChar32 PeekAt(std::string_view s, size_t i) {
  if (i >= s.size()) return -1;
  return Next(s, i);
}

// Scans the run of word characters starting at `i`; returns its end.
size_t ScanRun(std::string_view s, size_t i) {
  while (i < s.size()) {
    size_t j = i;
    if (!IsWordChar(Next(s, j))) break;
    i = j;
  }
  return i;
}

}  // namespace

namespace {

// ASCII text folds and lowers to its ASCII lower case: no ICU needed.
bool IsAscii(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// What U+00C0..U+00FF fold to when that is plain ASCII (the accented
// letters of French and its neighbours); nullptr where ICU must decide
// (Ð × Ø Þ ß ð ÷ ø þ).
constexpr std::array<const char*, 64> kLatin1Folds = {
    "a",     "a", "a", "a", "a", "a", "ae", "c",     "e",     "e", "e", "e", "i", "i", "i",     "i",
    nullptr, "n", "o", "o", "o", "o", "o",  nullptr, nullptr, "u", "u", "u", "u", "y", nullptr, nullptr,
    "a",     "a", "a", "a", "a", "a", "ae", "c",     "e",     "e", "e", "e", "i", "i", "i",     "i",
    nullptr, "n", "o", "o", "o", "o", "o",  nullptr, nullptr, "u", "u", "u", "u", "y", nullptr, "y"};

// Fold without ICU for text made of ASCII, the letters of kLatin1Folds,
// œ Œ and the apostrophes ’ ‘ ʼ: what prose in French and English is
// nearly always made of. False (out unspecified) for anything else.
bool FoldCommon(std::string_view text, std::string& out) {
  out.clear();
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
      continue;
    }
    const auto next = [&](size_t k) { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0; };
    if (c == 0xC3 && next(1) >= 0x80 && next(1) <= 0xBF) {
      const char* folded = kLatin1Folds[next(1) - 0x80];
      if (!folded) return false;
      out += folded;
      i += 1;
    } else if (c == 0xC5 && (next(1) == 0x92 || next(1) == 0x93)) {  // Œ œ
      out += "oe";
      i += 1;
    } else if (c == 0xCA && next(1) == 0xBC) {  // ʼ
      out += '\'';
      i += 1;
    } else if (c == 0xE2 && next(1) == 0x80 && (next(2) == 0x98 || next(2) == 0x99)) {  // ‘ ’
      out += '\'';
      i += 2;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string Fold(std::string_view text) {
  std::string out;
  if (FoldCommon(text, out)) return out;
  return FoldWithIcu(text);
}

std::string FoldWithIcu(std::string_view text) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  icu::UnicodeString in =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString decomposed = nfd->normalize(in, err);
  if (U_FAILURE(err)) decomposed = in;
  icu::UnicodeString out;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    switch (c) {
      case 0x0153:
      case 0x0152:
        out.append(u"oe");
        break;  // œ Œ
      case 0x00E6:
      case 0x00C6:
        out.append(u"ae");
        break;  // æ Æ
      case 0x2019:
      case 0x02BC:
      case 0x2018:
        out.append(UChar32('\''));
        break;
      default:
        out.append(c);
    }
  }
  out.foldCase();
  std::string result;
  out.toUTF8String(result);
  return result;
}

std::vector<Word> SplitWords(std::string_view text) {
  std::vector<Word> words;
  words.reserve(text.size() / 6 + 1);  // about one word per six bytes of prose
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;
    if (!IsWordChar(Next(text, j))) {
      i = j;
      continue;
    }
    Word w;
    w.begin = i;
    w.key_begin = i;
    size_t end = ScanRun(text, i);
    // Join across inner apostrophes, splitting off an elision.
    while (end < text.size()) {
      size_t after = end;
      if (!IsApostrophe(Next(text, after)) || !IsWordChar(PeekAt(text, after))) break;
      if (w.key_begin == i && end - w.key_begin <= 6 && IsElision(Fold(text.substr(w.key_begin, end - w.key_begin)))) {
        w.key_begin = after;
      }
      end = ScanRun(text, after);
      if (w.key_begin == after) continue;  // elision split: the rest is the word
    }
    w.end = end;
    w.key = Fold(text.substr(w.key_begin, w.end - w.key_begin));
    words.push_back(std::move(w));
    i = end;
  }
  return words;
}

namespace {

std::string Rewrite(std::string_view input, bool keep_operators) {
  const std::string clean = IsValidUtf8(input) ? std::string(input) : SanitizeUtf8(input);
  const std::string_view text = clean;
  std::string out;
  out.reserve(text.size());
  size_t last = 0;
  for (const Word& w : SplitWords(text)) {
    out.append(text.substr(last, w.begin - last));
    const std::string_view original = text.substr(w.begin, w.end - w.begin);
    bool is_operator = false;
    if (keep_operators)
      for (auto op : kOperators) is_operator |= original == op;
    out.append(is_operator ? std::string(original) : w.key);
    last = w.end;
  }
  out.append(text.substr(last));
  return out;
}

}  // namespace

std::string NormalizeText(std::string_view text) { return Rewrite(text, false); }

std::string NormalizeQuery(std::string_view query) { return Rewrite(query, true); }

int CompareFrench(std::string_view a, std::string_view b) {
  thread_local std::unique_ptr<icu::Collator> collator = [] {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale::getFrench(), err));
    if (U_FAILURE(err)) c.reset();
    return c;
  }();
  if (!collator) return a.compare(b);
  UErrorCode err = U_ZERO_ERROR;
  return collator->compareUTF8(icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
                               icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), err);
}

std::string Lower(std::string_view text) {
  if (IsAscii(text)) return AsciiLower(text);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  u.toLower(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string SanitizeUtf8(std::string_view text) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))).toUTF8String(out);
  return out;
}

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    if (Next(text, i) < 0) return false;
  }
  return true;
}

}  // namespace citykb
