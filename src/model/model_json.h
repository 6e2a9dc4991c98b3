// JSON forms of the model types, in the shape of the corpus files
// (PRODUCT.md). Used by the store (rows keep their JSON), export and the API.
// These conversions trust their input; untrusted bundles go through
// corpus/bundle_parser.h, which explains every problem.
#pragma once

#include <nlohmann/json.hpp>

#include "model/model.h"

namespace citykb {

void to_json(nlohmann::json& j, const LocalizedText& t);
void from_json(const nlohmann::json& j, LocalizedText& t);
void to_json(nlohmann::json& j, const Indicator& i);
void from_json(const nlohmann::json& j, Indicator& i);
void to_json(nlohmann::json& j, const IndicatorDefinition& d);
void from_json(const nlohmann::json& j, IndicatorDefinition& d);
void to_json(nlohmann::json& j, const Role& r);
void from_json(const nlohmann::json& j, Role& r);
void to_json(nlohmann::json& j, const Partner& p);
void from_json(const nlohmann::json& j, Partner& p);
void to_json(nlohmann::json& j, const Budget& b);
void from_json(const nlohmann::json& j, Budget& b);
void to_json(nlohmann::json& j, const City& c);
void from_json(const nlohmann::json& j, City& c);
void to_json(nlohmann::json& j, const Person& p);
void from_json(const nlohmann::json& j, Person& p);
void to_json(nlohmann::json& j, const Document& d);
void from_json(const nlohmann::json& j, Document& d);
void to_json(nlohmann::json& j, const Source& s);
void from_json(const nlohmann::json& j, Source& s);
void to_json(nlohmann::json& j, const TaxonomyEntry& e);
void from_json(const nlohmann::json& j, TaxonomyEntry& e);
void to_json(nlohmann::json& j, const Taxonomy& t);

// A bundle in the corpus-file shape: {"sources":[...]?, "city":..., "people":[...], "documents":[...]}
// (without "city" for the cross-city bundle). City and people slugs inside
// are left out, as in the files: the bundle's city applies. Timestamps are
// kept only when `with_timestamps` (an export that must load back identical).
nlohmann::json BundleToJson(const Bundle& bundle, bool with_timestamps = false);

}  // namespace citykb
