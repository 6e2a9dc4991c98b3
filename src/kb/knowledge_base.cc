#include "kb/knowledge_base.h"

#include <filesystem>

#include <nlohmann/json.hpp>

#include "corpus/bundle_parser.h"
#include "corpus/corpus_loader.h"
#include "text/text_analysis.h"

namespace citykb {

namespace {

// The ids a bundle gives to its documents and people.
struct BundleIds {
  std::vector<std::string> documents, people;
};
BundleIds IdsOf(const nlohmann::json& bundle) {
  BundleIds ids;
  if (!bundle.is_object()) return ids;
  for (const auto& [key, out] : {std::pair{"documents", &ids.documents}, std::pair{"people", &ids.people}}) {
    const auto list = bundle.find(key);
    if (list == bundle.end() || !list->is_array()) continue;
    for (const auto& item : *list) {
      if (!item.is_object()) continue;
      const auto id = item.find("id");
      if (id != item.end() && id->is_string()) out->push_back(id->get<std::string>());
    }
  }
  return ids;
}

}  // namespace

Result<std::unique_ptr<KnowledgeBase>> KnowledgeBase::Open(const KnowledgeBaseOptions& options,
                                                           const ProgressFn& progress) {
  std::error_code ec;
  std::filesystem::create_directories(options.data_dir, ec);
  if (ec) return Status::Internal("cannot create " + options.data_dir + ": " + ec.message());
  std::unique_ptr<KnowledgeBase> kb(new KnowledgeBase());
  auto store = Store::Open(options.data_dir + "/citykb.sqlite");
  if (!store.ok()) return store.status();
  kb->store_ = std::move(*store);
  const bool read_only = options.read_only_index || options.replicated_index;
  kb->replicated_index_ = options.replicated_index;
  auto index = Index::Open(options.index_dir.empty() ? options.data_dir + "/xapian" : options.index_dir, !read_only);
  if (!index.ok()) return index.status();
  kb->index_ = std::move(*index);
  kb->index_->SetBuildThreads(options.index_build_threads);
  if (!read_only) {
    auto seq = kb->index_->CatchUp(*kb->store_, progress);
    if (!seq.ok()) return seq.status();
  }
  kb->search_ = std::make_unique<SearchService>(*kb->store_, *kb->index_, kb->catalogs_, options.search_cache_entries,
                                                options.replicated_index);
  kb->compare_ = std::make_unique<CompareService>(*kb->store_, *kb->index_, *kb->search_);
  kb->provenance_ = std::make_unique<ProvenanceService>(*kb->store_, *kb->search_);
  kb->cities_ = std::make_unique<CityService>(*kb->store_, *kb->search_);
  if (Status s = kb->catalogs_.Reload(*kb->store_); !s.ok()) return s;
  return kb;
}

Result<HealthReport> KnowledgeBase::Health() const {
  HealthReport report;
  ASSIGN_OR_RETURN(report.documents, index_->DocumentCount());
  ASSIGN_OR_RETURN(report.index_seq, index_->LastSeq());
  ASSIGN_OR_RETURN(report.store_seq, store_->LastSeq());
  return report;
}

Result<ChangesPage> KnowledgeBase::Changes(int64_t since, int limit) const {
  ChangesPage page;
  ASSIGN_OR_RETURN(page.changes, store_->ChangesSince(since, limit));
  ASSIGN_OR_RETURN(page.last_seq, store_->LastSeq());
  return page;
}

Result<nlohmann::json> KnowledgeBase::ExportBatch(int64_t since, int64_t through,
                                                  const std::set<std::string>& cities) const {
  return citykb::ExportBatch(*store_, since, through, cities);
}

Result<bool> KnowledgeBase::Empty() const {
  auto n = store_->CountDocuments();
  if (!n.ok()) return n.status();
  return *n == 0;
}

Result<WriteReceipt> KnowledgeBase::AfterWrite(const Result<int64_t>& seq, WriteReceipt receipt) {
  if (!seq.ok()) return seq.status();
  // The write is durable now; the index follows. Should it fail, the next
  // start replays the change log, so nothing acknowledged is lost.
  auto applied = index_->CatchUp(*store_);
  if (!applied.ok()) return applied.status();
  if (Status s = catalogs_.Reload(*store_); !s.ok()) return s;
  receipt.seq = *applied;
  return receipt;
}

Result<WriteReceipt> KnowledgeBase::IngestCorpus(const std::string& dir, const ProgressFn& progress) {
  auto corpus = LoadCorpus(dir);
  if (!corpus.ok()) return corpus.status();
  std::lock_guard<std::mutex> lock(write_mu_);
  WriteReceipt receipt;
  for (const auto& b : corpus->bundles) {
    receipt.documents += static_cast<int>(b.documents.size());
    receipt.people += static_cast<int>(b.people.size());
  }
  auto seq = store_->PutCorpus(*corpus);
  if (!seq.ok()) return seq.status();
  auto applied = index_->CatchUp(*store_, progress);
  if (!applied.ok()) return applied.status();
  if (Status s = catalogs_.Reload(*store_); !s.ok()) return s;
  receipt.seq = *applied;
  return receipt;
}

Result<Bundle> KnowledgeBase::ValidateBundle(std::string_view json_text) const {
  const auto catalog = catalogs_.catalog();
  ValidationContext context;
  context.taxonomy = &catalog->taxonomy;
  for (const auto& [id, source] : catalog->sources) context.source_ids.insert(id);
  context.indicators = catalog->indicators;
  if (!JsonDepthWithin(json_text, 32)) return Status::ValidationFailed({{"", "/", "JSON nested too deeply"}});
  if (!IsValidUtf8(json_text)) return Status::ValidationFailed({{"", "/", "the file is not valid UTF-8"}});
  const auto bundle = nlohmann::json::parse(json_text, nullptr, false);
  if (bundle.is_discarded()) return Status::ValidationFailed({{"", "/", "not valid JSON"}});
  // The owners of the bundle's own ids only: every record's owner would
  // cost O(records) per write (seconds at a million records).
  const BundleIds ids = IdsOf(bundle);
  ASSIGN_OR_RETURN(context.document_owner, store_->DocumentOwners(ids.documents));
  ASSIGN_OR_RETURN(context.person_owner, store_->PersonOwners(ids.people));
  return ParseBundle(bundle, context, false);
}

Result<WriteReceipt> KnowledgeBase::PutBundle(std::string_view json_text) {
  std::lock_guard<std::mutex> lock(write_mu_);
  auto bundle = ValidateBundle(json_text);
  if (!bundle.ok()) return bundle.status();
  WriteReceipt receipt;
  receipt.slug = bundle->city.slug;
  receipt.documents = static_cast<int>(bundle->documents.size());
  receipt.people = static_cast<int>(bundle->people.size());
  return AfterWrite(store_->PutBundle(*bundle), receipt);
}

Result<WriteReceipt> KnowledgeBase::DeleteCity(const std::string& slug) {
  std::lock_guard<std::mutex> lock(write_mu_);
  WriteReceipt receipt;
  receipt.slug = slug;
  return AfterWrite(store_->DeleteCity(slug), receipt);
}

Result<WriteReceipt> KnowledgeBase::ApplyReplicated(const ReplicatedBatch& batch) {
  std::lock_guard<std::mutex> lock(write_mu_);
  WriteReceipt receipt;
  for (const auto& b : batch.content.bundles) receipt.documents += static_cast<int>(b.documents.size());
  if (!replicated_index_) return AfterWrite(store_->ApplyReplicated(batch), receipt);
  // The index arrives by xapian-replicate: only the store and the catalog.
  auto seq = store_->ApplyReplicated(batch);
  if (!seq.ok()) return seq.status();
  if (Status s = catalogs_.Reload(*store_); !s.ok()) return s;
  receipt.seq = *seq;
  return receipt;
}

Result<int64_t> KnowledgeBase::Reindex(const ProgressFn& progress) {
  std::lock_guard<std::mutex> lock(write_mu_);
  auto seq = index_->Rebuild(*store_, progress);
  if (!seq.ok()) return seq.status();
  return index_->CatchUp(*store_);
}

}  // namespace citykb
