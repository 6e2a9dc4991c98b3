#include "index/index_impl.h"

namespace citykb {

Status FromXapian(const Xapian::Error& e, const std::string& what) {
  const std::string type = e.get_type();
  if (type == "DatabaseLockError") return Status::Unavailable(what + ": the index is in use by another citykb process");
  if (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError")
    return Status::NotFound(what +
                            ": no index (load a corpus with `citykb ingest`, or rebuild the index of an existing "
                            "store with `citykb reindex`)");
  return Status::Internal(what + ": " + e.get_description());
}

}  // namespace citykb
