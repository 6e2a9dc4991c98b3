// Internals shared by the index module's files. Private to src/index/.
#pragma once

#include <xapian.h>

#include <memory>
#include <mutex>
#include <unordered_map>

#include "index/index.h"

namespace citykb {

// The synonym groups, keyed for lookup by folded expression.
struct SynonymTable {
  std::vector<std::vector<std::string>> groups;      // folded expressions
  std::vector<std::vector<std::string>> display;     // as written
  std::unordered_map<std::string, size_t> group_of;  // folded expression -> group
  size_t longest = 1;                                // words in the longest expression
  static SynonymTable FromJson(const std::string& json_text);
};

// The one mapping of Xapian's exceptions to a Status: a locked index is
// kUnavailable, a missing one kNotFound (saying how to create it), anything
// else kInternal. `what` names the operation.
Status FromXapian(const Xapian::Error& e, const std::string& what);

class SnapshotCache;
// The cache of what searches derive from a revision (snapshot.h).
std::shared_ptr<SnapshotCache> MakeSnapshotCache();

class Index::Impl {
 public:
  std::string dir;
  std::unique_ptr<Xapian::WritableDatabase> writer;  // only when writable
  std::mutex write_mu;
  // Threads that build documents for CatchUp: 2 builds the next batch while
  // this one is written; 1 does both in turn.
  int build_threads = 2;

  // Readers: one per concurrent search, reopened before each use.
  mutable std::mutex readers_mu;
  mutable std::vector<std::unique_ptr<Xapian::Database>> readers;
  // Synonyms and facet columns of the newest revision searched.
  std::shared_ptr<SnapshotCache> snapshots = MakeSnapshotCache();

  // Lends a reader, reopened to the latest commit.
  class Reader {
   public:
    explicit Reader(const Impl& impl);
    ~Reader();
    Xapian::Database& db() { return *db_; }

   private:
    const Impl& impl_;
    std::unique_ptr<Xapian::Database> db_;
  };
};

// Builds the Xapian query for a text (user syntax) and reports the words it
// looks for. Never throws on malformed syntax: falls back to plain words.
struct BuiltQuery {
  Xapian::Query query;         // ranked: any word; every word first, then most of them
  Xapian::Query all_words;     // every word required
  bool several_words = false;  // plain words, more than one: `all_words` may match fewer than `query`
  QueryTerms terms;
  std::vector<std::string> expanded;
  // Words the index does not hold, with the correction searched with them.
  std::vector<std::pair<std::string, std::string>> corrections;
  // Words the index does not hold but the dictionaries do: corrected only
  // when the query finds few documents.
  std::vector<std::string> unknown_words;
};
BuiltQuery BuildTextQuery(const std::string& text, bool use_synonyms, bool spelling, const Xapian::Database& db,
                          const SynonymTable& synonyms);

// Splits the terms of a query into what highlighting looks for.
void CollectQueryTerms(const Xapian::Query& query, QueryTerms& terms);

// True for stop words of French or English, which a plain query ignores.
bool IsStopWord(const std::string& folded);

// True for a folded word of the French or English dictionary (Debian's
// word lists in /usr/share/dict; false for every word when they are missing).
bool IsDictionaryWord(const std::string& folded);

}  // namespace citykb
