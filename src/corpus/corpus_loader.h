// Reads a corpus directory (taxonomy.json, indicators.json, sources.json, synonyms.json,
// general.json, cities/*.json) and validates all of it before anything is
// stored: either the whole corpus or the list of every problem, each with its
// file, JSON path and reason. Stateless; safe from any thread.
#pragma once

#include <string>

#include "corpus/bundle_parser.h"
#include "model/model.h"
#include "util/status.h"

namespace citykb {

// Reads and validates the corpus under `dir`.
Result<Corpus> LoadCorpus(const std::string& dir);

// Reads one file whole. kNotFound when it cannot be opened.
Result<std::string> ReadFile(const std::string& path);

// Parses the taxonomy, sources and synonyms files (already read).
Result<Taxonomy> ParseTaxonomy(std::string_view text);
Result<std::vector<Source>> ParseSources(std::string_view text);
Result<std::vector<IndicatorDefinition>> ParseIndicatorDefinitions(std::string_view text);
Result<std::vector<SynonymGroup>> ParseSynonyms(std::string_view text);

// Rejects JSON nested deeper than `max_depth` before it is parsed, so that
// hostile input cannot exhaust the stack.
bool JsonDepthWithin(std::string_view text, int max_depth);

}  // namespace citykb
