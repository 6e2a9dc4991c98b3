// The French wording of a validation problem. The validator writes its
// reasons in English (the API's `reason`, kept for existing clients); this
// gives the same reason in French, for the form and `reasons.fr`.
#pragma once

#include <string>

namespace citykb {

// The French form of `english`; `english` itself when no rule knows it.
std::string FrenchReason(const std::string& english);

}  // namespace citykb
