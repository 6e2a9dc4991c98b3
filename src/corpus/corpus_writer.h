// Writes the store's content as a corpus directory (the layout LoadCorpus
// reads), timestamps included, so that loading it back gives an identical
// store. Not safe against concurrent writes to the same directory.
#pragma once

#include <string>

#include "util/status.h"

namespace citykb {

class Store;

// Writes taxonomy.json, sources.json, synonyms.json, general.json (when there
// are cross-city records) and cities/<slug>.json under `dir`. Returns the
// number of files written.
Result<int> ExportCorpus(const Store& store, const std::string& dir);

}  // namespace citykb
