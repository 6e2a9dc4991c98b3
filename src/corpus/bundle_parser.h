// Validates an untrusted city bundle (a corpus file or a POST body) and turns
// it into a Bundle. Every problem is reported with its JSON path and reason;
// a bundle with any problem yields no Bundle at all. Thread-compatible.
#pragma once

#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "model/model.h"
#include "util/status.h"

namespace citykb {

// What a bundle is checked against besides its own content.
struct ValidationContext {
  const Taxonomy* taxonomy = nullptr;  // required: the allowed slugs
  std::set<std::string> source_ids;    // sources a record may cite (besides the bundle's own)
  // Indicator names a city may report, with their unit; empty = any name (with a label).
  std::map<std::string, IndicatorDefinition> indicators;
  // Ids already used by other bundles: document/person id -> owning city slug
  // ("" for the cross-city bundle). An id owned by the bundle's own city may be reused.
  std::map<std::string, std::string> document_owner;
  std::map<std::string, std::string> person_owner;
};

// Parses `j` as a city bundle, or as the cross-city bundle when
// `cross_city` is true (no "city" object; records without a city).
// On error: kValidationFailed with one Problem per defect.
Result<Bundle> ParseBundle(const nlohmann::json& j, const ValidationContext& context, bool cross_city = false);

// Parses bytes as JSON first (UTF-8 checked), then as a bundle.
Result<Bundle> ParseBundleText(std::string_view text, const ValidationContext& context, bool cross_city = false);

// True for an ISO date that may be partial: 2019, 2019-06 or 2019-06-19 (a real day).
bool IsPartialDate(std::string_view s);

// True for a lowercase slug: [a-z0-9]+(-[a-z0-9]+)*, at most 64 bytes.
bool IsSlug(std::string_view s);

}  // namespace citykb
