// HTTP caching of successful GET answers: an ETag, Cache-Control: no-cache
// (clients may keep a copy but must ask again, so a write is seen at once),
// and 304 Not Modified when the client's If-None-Match names the current
// answer. Static files are tagged by their content; API answers (whose
// took_ms differs every time) by the data version they were computed from
// and the request. Private to src/http/.
#pragma once

#include <httplib.h>

#include <string>
#include <string_view>

namespace citykb {

// Adds the validators to a 200 answer of a GET (or HEAD) and turns it into
// a 304 when the client already has it. Leaves every other answer alone.
// `data_version` names the state of the data (the index revision); API
// answers are not tagged when it is empty. `content_coding` names the
// coding the body will be sent in ("gzip", or empty for none): each form of
// an answer has its own tag.
void AddValidators(const httplib::Request& req, httplib::Response& res, const std::string& data_version,
                   std::string_view content_coding);

}  // namespace citykb
