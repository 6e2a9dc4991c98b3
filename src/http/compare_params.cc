#include "http/compare_params.h"

#include "model/facet.h"

namespace citykb {

namespace {

// The side-by-side view: one theme (theme= or themes=).
Status ParseSideBySide(const QueryParams& params, CompareParams& out) {
  const char* theme = Spec(Facet::kTheme).name;
  auto themes = ListParam(params, theme);
  if (themes.empty()) themes = ListParam(params, Spec(Facet::kTheme).plural);
  if (themes.size() != 1) return Status::InvalidArgument("the side-by-side view takes one theme (theme=...)", theme);
  out.theme = themes[0];
  return Status::Ok();
}

// The matrix: its rows (a facet and, in its plural parameter, the values
// shown), the other facets as filters, the records kept per cell.
Status ParseMatrix(const QueryParams& params, CompareRequest& request) {
  auto rows = EnumParam(params, "rows", Spec(Facet::kTheme).name,
                        {Spec(Facet::kTheme).name, Spec(Facet::kStakeholder).name, Spec(Facet::kKind).name});
  if (!rows.ok()) return rows.status();
  request.rows = *rows;
  const FacetSpec& row_facet = Spec(*FacetNamed(request.rows));
  request.values = ListParam(params, row_facet.plural);
  if (row_facet.facet == Facet::kKind) RETURN_IF_ERROR(CheckKinds(request.values, row_facet.plural));
  for (const FacetSpec& f : kFacets) {
    if (f.facet == Facet::kCity || f.facet == row_facet.facet) continue;
    auto values = ListParam(params, f.name);
    if (f.facet == Facet::kKind) RETURN_IF_ERROR(CheckKinds(values, f.name));
    if (!values.empty()) request.filters[f.name] = std::move(values);
  }
  ASSIGN_OR_RETURN(request.top, IntParam(params, "top", 3, 0, 20));
  return Status::Ok();
}

}  // namespace

Result<CompareParams> ParseCompareRequest(const QueryParams& params) {
  CompareParams out;
  RETURN_IF_ERROR(CheckUtf8(params));
  ASSIGN_OR_RETURN(out.lang, LangParam(params));
  ASSIGN_OR_RETURN(out.request.q, TextParam(params, "q", kMaxQueryChars));
  out.request.lang = out.lang;
  out.request.cities = ListParam(params, Spec(Facet::kCity).plural);
  ASSIGN_OR_RETURN(const std::string view, EnumParam(params, "view", "matrix", {"matrix", "side-by-side"}));
  if (view == "side-by-side") {
    out.view = CompareParams::View::kSideBySide;
    RETURN_IF_ERROR(ParseSideBySide(params, out));
    return out;
  }
  RETURN_IF_ERROR(ParseMatrix(params, out.request));
  if (out.request.cities.size() > kMaxCompareCities || out.request.values.size() > kMaxCompareRows)
    return Status::InvalidArgument("at most 100 cities and 100 rows", "cities");
  return out;
}

}  // namespace citykb
