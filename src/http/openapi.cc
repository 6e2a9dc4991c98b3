// The OpenAPI 3 description of citykb's API, served at /api/openapi.json.
// Keep it in step with the route table in routes.cc (a test checks both).
#include <string>

#include <nlohmann/json.hpp>

#include "http/api_json.h"
#include "http/request_params.h"
#include "http/routes.h"

namespace citykb {

namespace {

// The description as written below, before AddCommonAnswers().
const char* SpecText() {
  return R"json({
  "openapi": "3.0.3",
  "info": {"title": "citykb API", "version": ")json" CITYKB_VERSION R"json(",
    "description": "A comparative knowledge base of how cities run their smart-city programmes."},
  "paths": {
    "/api/search": {"get": {"summary": "Search the records with facets",
      "parameters": [
        {"name": "q", "in": "query", "description": "at most 2000 characters (code points)", "schema": {"type": "string", "maxLength": 2000}},
        {"name": "city", "in": "query", "description": "repeatable; a value may also hold several, comma-separated; at most 50 values", "schema": {"type": "array", "maxItems": 50, "items": {"type": "string", "maxLength": 64}}, "explode": true},
        {"name": "theme", "in": "query", "schema": {"type": "array", "maxItems": 50, "items": {"type": "string", "maxLength": 64}}, "explode": true},
        {"name": "stakeholder", "in": "query", "schema": {"type": "array", "maxItems": 50, "items": {"type": "string", "maxLength": 64}}, "explode": true},
        {"name": "kind", "in": "query", "schema": {"type": "array", "maxItems": 50, "items": {"$ref": "#/components/schemas/Kind"}}, "explode": true},
        {"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["fr", "en"], "default": "fr"}},
        {"name": "sort", "in": "query", "description": "date: when the facts hold (milestone date or as_of), newest first; updated: when the record last changed in citykb", "schema": {"type": "string", "enum": ["relevance", "date", "updated", "city"], "default": "relevance"}},
        {"name": "facet_sort", "in": "query", "schema": {"type": "string", "enum": ["count", "alpha", "taxonomy"], "default": "count"}},
        {"name": "page", "in": "query", "description": "at most 100: with per_page at most 100, results past the 10,000th are never served", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 1}},
        {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 10}},
        {"name": "explain", "in": "query", "schema": {"type": "integer", "enum": [0, 1]}},
        {"name": "synonyms", "in": "query", "schema": {"type": "string", "enum": ["on", "off"], "default": "on"}},
        {"name": "spell", "in": "query", "description": "off: search the words as typed; the spelling correction of unknown words is only suggested (suggestion), not searched", "schema": {"type": "string", "enum": ["on", "off"], "default": "on"}},
        {"name": "format", "in": "query", "schema": {"type": "string", "enum": ["json", "csv"], "default": "json"}}],
      "responses": {"200": {"description": "Results", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResult"}}, "text/csv": {"schema": {"type": "string"}}}},
        "400": {"$ref": "#/components/responses/Error"}}}},
    "/api/suggest": {"get": {"summary": "As-you-type completions",
      "parameters": [{"name": "q", "in": "query", "description": "at most 200 characters; empty or absent: no suggestions", "schema": {"type": "string", "maxLength": 200}},
        {"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["fr", "en"]}},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 20}}],
      "responses": {"200": {"description": "Completions", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Suggestions"}}}},
        "400": {"$ref": "#/components/responses/Error"}}}},
    "/api/documents/{id}": {"get": {"summary": "One record, both languages",
      "parameters": [{"$ref": "#/components/parameters/Id"}],
      "responses": {"200": {"description": "The record", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Document"}}}},
        "404": {"$ref": "#/components/responses/Error"}}}},
    "/api/documents/{id}/similar": {"get": {"summary": "Related records, from other cities by default",
      "parameters": [{"$ref": "#/components/parameters/Id"},
        {"name": "same_city", "in": "query", "schema": {"type": "integer", "enum": [0, 1]}},
        {"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["fr", "en"]}},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 50}}],
      "responses": {"200": {"description": "Related records", "content": {"application/json": {"schema": {"type": "object", "required": ["id", "hits"],
          "properties": {"id": {"type": "string"}, "same_city": {"type": "boolean"}, "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}}, "took_ms": {"type": "number"}}}}}},
        "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}},
    "/api/cities": {
      "get": {"summary": "Every city with its document counts by kind",
        "parameters": [{"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["fr", "en"]}}],
        "responses": {"200": {"description": "Cities", "content": {"application/json": {"schema": {"type": "object", "required": ["cities"], "properties": {"cities": {"type": "array", "items": {"type": "object"}}}}}}},
          "400": {"$ref": "#/components/responses/Error"}}},
      "post": {"summary": "Create or replace a city bundle (the JSON of a corpus file); a read replica answers 403 read_only_replica with error.writer, the writer's URL",
        "security": [{"bearer": []}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object"}}}},
        "responses": {"200": {"description": "Replaced", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Receipt"}}}},
          "201": {"description": "Created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Receipt"}}}},
          "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
          "413": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/Error"},
          "422": {"$ref": "#/components/responses/Error"}, "429": {"$ref": "#/components/responses/Error"}}}},
    "/api/cities/validate": {"post": {"summary": "Validate a city bundle without writing it",
      "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object"}}}},
      "responses": {"200": {"description": "Valid", "content": {"application/json": {"schema": {"type": "object"}}}},
        "422": {"$ref": "#/components/responses/Error"}}}},
    "/api/cities/{slug}": {
      "get": {"summary": "A city: profile, people, indicators, documents grouped by kind",
        "parameters": [{"$ref": "#/components/parameters/Slug"}],
        "responses": {"200": {"description": "The city", "content": {"application/json": {"schema": {"type": "object"}}}},
          "404": {"$ref": "#/components/responses/Error"}}},
      "delete": {"summary": "Remove a city and its records; a read replica answers 403 read_only_replica with error.writer, the writer's URL", "security": [{"bearer": []}],
        "parameters": [{"$ref": "#/components/parameters/Slug"}],
        "responses": {"200": {"description": "Removed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Receipt"}}}},
          "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"}, "429": {"$ref": "#/components/responses/Error"}}}},
    "/api/cities/{slug}/similar": {"get": {"summary": "The cities most like this one (themes of their records, size, kind of organisation, country, indicators in common), each with the reasons",
      "parameters": [{"$ref": "#/components/parameters/Slug"}, {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 50, "default": 5}},
        {"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["fr", "en"]}}],
      "responses": {"200": {"description": "Similar cities, best first", "content": {"application/json": {"schema": {"type": "object", "required": ["city", "similar"],
          "properties": {"city": {"type": "string"}, "similar": {"type": "array", "items": {"type": "object", "required": ["slug", "name", "score", "reasons"],
            "properties": {"slug": {"type": "string"}, "name": {"type": "string"}, "score": {"type": "number", "minimum": 0, "maximum": 1}, "reasons": {"type": "array", "items": {"type": "string"}}}}}}}}}},
        "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}},
    "/api/compare": {"get": {"summary": "A city x theme (or stakeholder, kind) matrix with indicators; each indicator row carries values (latest per city), observations (every one with its source and date) and conflicts (per city: sources disagree on the same year); cities omitted = all",
      "parameters": [{"name": "cities", "in": "query", "description": "comma-separated city slugs, at most 100", "schema": {"type": "string"}},
        {"name": "rows", "in": "query", "schema": {"type": "string", "enum": ["theme", "stakeholder", "kind"]}},
        {"name": "themes", "in": "query", "description": "rows=theme: the themes shown as rows (comma-separated, at most 100)", "schema": {"type": "string"}},
        {"name": "stakeholders", "in": "query", "description": "rows=stakeholder: the stakeholders shown as rows", "schema": {"type": "string"}},
        {"name": "kinds", "in": "query", "description": "rows=kind: the kinds shown as rows (comma-separated kinds)", "schema": {"type": "string"}},
        {"name": "theme", "in": "query", "description": "a filter (or, with view=side-by-side, the one theme shown)", "schema": {"type": "string"}},
        {"name": "stakeholder", "in": "query", "description": "a filter", "schema": {"type": "string"}},
        {"name": "kind", "in": "query", "description": "a filter", "schema": {"$ref": "#/components/schemas/Kind"}},
        {"name": "top", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 20, "default": 3}},
        {"name": "q", "in": "query", "description": "at most 2000 characters", "schema": {"type": "string", "maxLength": 2000}},
        {"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["fr", "en"]}},
        {"name": "view", "in": "query", "schema": {"type": "string", "enum": ["matrix", "side-by-side"]}},
        {"name": "format", "in": "query", "schema": {"type": "string", "enum": ["json", "csv"]}}],
      "responses": {"200": {"description": "The matrix", "content": {"application/json": {"schema": {"type": "object"}}, "text/csv": {"schema": {"type": "string"}}}},
        "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}},
    "/api/sources": {"get": {"summary": "Every source with its number of citations (records and indicator observations), the corpus licence",
      "parameters": [{"name": "q", "in": "query", "description": "filter on title, publisher or id (case- and accent-insensitive)", "schema": {"type": "string", "maxLength": 200}}],
      "responses": {"200": {"description": "Sources", "content": {"application/json": {"schema": {"type": "object", "required": ["total", "publishers", "sources", "licence"],
          "properties": {"total": {"type": "integer"}, "publishers": {"type": "integer"}, "licence": {"type": "string"},
            "sources": {"type": "array", "items": {"allOf": [{"$ref": "#/components/schemas/Source"}, {"type": "object", "properties": {"citations": {"type": "integer"}}}]}}}}}}},
        "400": {"$ref": "#/components/responses/Error"}}}},
    "/api/sources/{id}": {"get": {"summary": "One source and the records and indicator observations citing it",
      "parameters": [{"$ref": "#/components/parameters/Id"}, {"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["fr", "en"]}}],
      "responses": {"200": {"description": "The source", "content": {"application/json": {"schema": {"type": "object", "required": ["source", "documents", "indicators"],
          "properties": {"source": {"$ref": "#/components/schemas/Source"}, "documents": {"type": "array", "items": {"$ref": "#/components/schemas/RecordSummary"}},
            "indicators": {"type": "array", "items": {"type": "object"}}}}}}},
        "404": {"$ref": "#/components/responses/Error"}}}},
    "/api/people/{id}": {"get": {"summary": "A person: roles over time, then the records that name them",
      "parameters": [{"$ref": "#/components/parameters/Id"}, {"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["fr", "en"]}}],
      "responses": {"200": {"description": "The person", "content": {"application/json": {"schema": {"type": "object", "required": ["person", "documents"],
          "properties": {"person": {"type": "object", "required": ["id", "name", "title", "roles"], "properties": {"id": {"type": "string"}, "name": {"type": "string"},
              "title": {"type": "object"}, "organisation": {"type": "string"}, "city": {"type": "object", "nullable": true},
              "roles": {"type": "array", "items": {"type": "object", "required": ["title"], "properties": {"title": {"type": "object"}, "organisation": {"type": "string"},
                "from": {"type": "string"}, "to": {"type": "string"}, "as_of": {"type": "string"}, "source": {"type": "object"}}}}}},
            "documents": {"type": "array", "items": {"$ref": "#/components/schemas/RecordSummary"}}}}}}},
        "404": {"$ref": "#/components/responses/Error"}}}},
    "/api/timeline": {"get": {"summary": "Milestones across cities, oldest first",
      "parameters": [{"name": "cities", "in": "query", "schema": {"type": "string"}}, {"name": "themes", "in": "query", "schema": {"type": "string"}},
        {"name": "from", "in": "query", "description": "YYYY, YYYY-MM or YYYY-MM-DD, inclusive", "schema": {"type": "string"}},
        {"name": "to", "in": "query", "description": "YYYY, YYYY-MM or YYYY-MM-DD, inclusive", "schema": {"type": "string"}},
        {"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["fr", "en"]}}],
      "responses": {"200": {"description": "Milestones", "content": {"application/json": {"schema": {"type": "object", "required": ["total", "milestones"],
          "properties": {"total": {"type": "integer"}, "milestones": {"type": "array", "items": {"type": "object", "required": ["id", "date", "city", "title"],
            "properties": {"id": {"type": "string"}, "date": {"type": "string"}, "city": {"type": "object", "nullable": true}, "title": {"type": "string"},
              "summary": {"type": "string"}, "themes": {"type": "array", "items": {"type": "string"}}, "sources": {"type": "array", "items": {"type": "string"}}}}}}}}}},
        "400": {"$ref": "#/components/responses/Error"}}}},
    "/api/taxonomy": {"get": {"summary": "Themes, stakeholders and kinds with their labels",
      "responses": {"200": {"description": "The taxonomy", "content": {"application/json": {"schema": {"type": "object", "required": ["themes", "stakeholders", "kinds"]}}}}}}},
    "/api/changes": {"get": {"summary": "What changed after a change-log sequence",
      "parameters": [{"name": "since", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 2147483647}},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 5000}}],
      "responses": {"200": {"description": "Changes", "content": {"application/json": {"schema": {"type": "object", "required": ["since", "last_seq", "changes"],
          "properties": {"since": {"type": "integer"}, "last_seq": {"type": "integer"}, "changes": {"type": "array", "items": {"type": "object",
            "required": ["seq", "at", "entity", "id", "op"], "properties": {"seq": {"type": "integer"}, "at": {"type": "string"}, "entity": {"type": "string"}, "id": {"type": "string"}, "op": {"type": "string", "enum": ["upsert", "delete"]}}}}}}}}},
        "400": {"$ref": "#/components/responses/Error"}}}},
    "/api/replication/batch": {"get": {"summary": "For read replicas: the change-log entries in (since, through] with the current content they touch (whole city bundles with timestamps, taxonomy, indicator definitions, sources, synonyms)",
      "parameters": [{"name": "since", "in": "query", "required": true, "schema": {"type": "integer", "minimum": 0, "maximum": 2147483647}},
        {"name": "through", "in": "query", "required": true, "schema": {"type": "integer", "minimum": 0, "maximum": 2147483647}, "description": "at least since, at most since + 5000"},
        {"name": "cities", "in": "query", "schema": {"type": "string"}, "description": "comma-separated slugs whose bundles are also wanted (general = the cross-city bundle); at most 5000"}],
      "responses": {"200": {"description": "A replication batch", "content": {"application/json": {"schema": {"type": "object",
          "required": ["since", "through", "changes", "taxonomy", "indicators", "sources", "synonyms", "bundles", "absent_cities"],
          "properties": {"since": {"type": "integer"}, "through": {"type": "integer"}, "changes": {"type": "array", "items": {"type": "object"}},
            "taxonomy": {"type": "object"}, "indicators": {"type": "array"}, "sources": {"type": "array"}, "synonyms": {"type": "array"},
            "bundles": {"type": "array", "items": {"type": "object", "required": ["slug", "people", "documents"]}}, "absent_cities": {"type": "array", "items": {"type": "string"}}}}}}},
        "400": {"$ref": "#/components/responses/Error"}}}},
    "/api/health": {"get": {"summary": "Status, role (writer or replica), sequences and lag, document count, version",
      "parameters": [{"name": "max_lag", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 2147483647},
        "description": "on a replica: answer 503 (status behind) when more than this many change-log sequences behind its writer, or when the writer has not answered for 10 s (for load-balancer health checks)"}],
      "responses": {"200": {"description": "Healthy", "content": {"application/json": {"schema": {"type": "object", "required": ["status", "documents", "index_seq", "version", "role", "applied_seq"],
          "properties": {"status": {"type": "string"}, "documents": {"type": "integer"}, "index_seq": {"type": "integer"}, "store_seq": {"type": "integer"}, "version": {"type": "string"}, "writes": {"type": "boolean", "description": "true when the server accepts writes (an admin token is configured and it is not a replica)"},
            "role": {"type": "string", "enum": ["writer", "replica"]}, "applied_seq": {"type": "integer", "description": "the change-log sequence both store and index have applied"},
            "writer_seq": {"type": "integer", "nullable": true, "description": "the writer's last sequence (on a replica: as last seen; null before the writer first answered)"},
            "lag": {"type": "integer", "nullable": true, "description": "writer_seq - applied_seq"}, "writer": {"type": "string"}, "seconds_since_writer_contact": {"type": "number", "nullable": true}, "replication_error": {"type": "string"}}}}}},
        "400": {"$ref": "#/components/responses/Error"},
        "503": {"description": "The store or the index cannot be read, too many connections are open, or (with max_lag) the replica is behind", "content": {"application/json": {"schema": {"anyOf": [
          {"$ref": "#/components/schemas/Error"}, {"type": "object", "required": ["status", "version"], "properties": {"status": {"type": "string", "enum": ["unavailable", "behind"]}, "version": {"type": "string"}}}]}}}}}}},
    "/api/openapi.json": {"get": {"summary": "This description",
      "responses": {"200": {"description": "OpenAPI 3", "content": {"application/json": {"schema": {"type": "object"}}}}}}}
  },
  "components": {
    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
    "parameters": {
      "Id": {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
      "Slug": {"name": "slug", "in": "path", "required": true, "schema": {"type": "string"}}},
    "responses": {"Error": {"description": "An error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}},
    "schemas": {
      "Kind": {"type": "string", "enum": []},
      "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "message"],
        "properties": {"code": {"type": "string"}, "message": {"type": "string"}, "field": {"type": "string"},
          "problems": {"type": "array", "items": {"type": "object", "required": ["path", "reason"], "properties": {"file": {"type": "string"}, "path": {"type": "string"}, "reason": {"type": "string"}}}}}}}},
      "Ref": {"type": "object", "nullable": true},
      "Hit": {"type": "object", "required": ["id", "kind", "city", "title", "snippet", "themes", "stakeholders", "person", "source", "score"],
        "properties": {"id": {"type": "string"}, "kind": {"type": "string"},
          "city": {"type": "object", "nullable": true, "required": ["slug", "name"], "properties": {"slug": {"type": "string"}, "name": {"type": "string"}}},
          "title": {"type": "string"}, "snippet": {"type": "string"},
          "themes": {"type": "array", "items": {"type": "string"}}, "stakeholders": {"type": "array", "items": {"type": "string"}},
          "person": {"type": "object", "nullable": true, "required": ["id", "name", "title"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "title": {"type": "string"}}},
          "source": {"type": "object", "nullable": true, "required": ["id", "title"], "description": "the first of sources (kept for existing clients)", "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "publisher": {"type": "string"}, "published": {"type": "string", "nullable": true}, "url": {"type": "string"}}},
          "sources": {"type": "array", "items": {"type": "object", "required": ["id", "title", "url"], "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "publisher": {"type": "string"}, "published": {"type": "string", "nullable": true}, "url": {"type": "string"}}}},
          "as_of": {"type": "string", "nullable": true, "description": "when the facts hold (partial ISO date)"},
          "date": {"type": "string", "description": "milestones: the date of the event"},
          "score": {"type": "number"}, "updated_at": {"type": "string", "description": "when the record last changed in citykb (never the date of a fact)"},
          "explain": {"type": "array", "items": {"type": "object", "required": ["word", "query", "how"], "properties": {"word": {"type": "string"}, "query": {"type": "string"}, "how": {"type": "string", "enum": ["exact", "accent", "stem", "prefix", "synonym"]}}}}}},
      "FacetValue": {"type": "object", "required": ["value", "label", "count"], "properties": {"value": {"type": "string"}, "label": {"type": "string"}, "count": {"type": "integer", "minimum": 0}, "selected": {"type": "boolean"}}},
      "SearchResult": {"type": "object", "required": ["query", "total", "page", "per_page", "hits", "facets", "suggestion", "expanded", "took_ms"],
        "properties": {"query": {"type": "string"}, "total": {"type": "integer", "minimum": 0}, "page": {"type": "integer"}, "per_page": {"type": "integer"},
          "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
          "facets": {"type": "object", "required": ["city", "theme", "stakeholder", "kind"], "properties": {
            "city": {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}}, "theme": {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}},
            "stakeholder": {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}}, "kind": {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}}}},
          "suggestion": {"type": "string", "nullable": true}, "expanded": {"type": "array", "items": {"type": "string"}}, "relaxed": {"type": "boolean"}, "took_ms": {"type": "number"}}},
      "Suggestions": {"type": "object", "required": ["query", "suggestions"], "properties": {"query": {"type": "string"}, "suggestions": {"type": "array", "items": {"type": "object", "required": ["text", "type"],
        "properties": {"text": {"type": "string"}, "type": {"type": "string", "enum": ["word", "title", "person", "city"]}, "id": {"type": "string"}}}}}},
      "Document": {"type": "object", "required": ["id", "kind", "title", "body", "themes", "stakeholders"],
        "properties": {"id": {"type": "string"}, "kind": {"type": "string"},
          "title": {"type": "object", "required": ["fr", "en"]}, "body": {"type": "object", "required": ["fr", "en"]},
          "themes": {"type": "array", "items": {"type": "string"}}, "stakeholders": {"type": "array", "items": {"type": "string"}},
          "sources": {"type": "array", "items": {"$ref": "#/components/schemas/Source"}}, "as_of": {"type": "string", "nullable": true}, "date": {"type": "string"},
          "challenge": {"type": "object"}, "approach": {"type": "object"}, "results": {"type": "object"}, "lessons": {"type": "object"},
          "partners": {"type": "array", "items": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "stakeholder": {"type": "string"}}}},
          "budget": {"type": "object", "properties": {"amount": {"type": "number"}, "currency": {"type": "string"}, "approximate": {"type": "boolean"}, "as_of": {"type": "string"}, "source": {"type": "string"}}},
          "updated_at": {"type": "string"}}},
      "Source": {"type": "object", "required": ["id", "url", "title", "published"],
        "properties": {"id": {"type": "string"}, "url": {"type": "string"}, "title": {"type": "string"}, "publisher": {"type": "string"},
          "published": {"type": "string", "nullable": true, "description": "YYYY, YYYY-MM or YYYY-MM-DD; null when no source gives it"},
          "kind": {"type": "string", "enum": ["press", "official", "public-body", "research", "vendor", "other"]}, "lang": {"type": "string"},
          "note": {"type": "object", "properties": {"fr": {"type": "string"}, "en": {"type": "string"}}}}},
      "RecordSummary": {"type": "object", "required": ["id", "kind", "city", "title"],
        "properties": {"id": {"type": "string"}, "kind": {"type": "string"}, "city": {"type": "object", "nullable": true}, "title": {"type": "string"},
          "themes": {"type": "array", "items": {"type": "string"}}, "as_of": {"type": "string", "nullable": true}, "date": {"type": "string"}}},
      "Receipt": {"type": "object", "required": ["seq", "slug"], "properties": {"seq": {"type": "integer"}, "slug": {"type": "string"}, "documents": {"type": "integer"}, "people": {"type": "integer"}}}
    }
  }
})json";
}

// Statuses any operation can get, whatever its path: refusals of the request
// head or framing by the connection loop (400, 408, 411, 413, 414, 431),
// ranges (416) and a full server (503).
void AddCommonAnswers(nlohmann::json& spec) {
  static const char* const kCommon[] = {"400", "408", "411", "413", "414", "416", "431", "503"};
  for (auto& [path, item] : spec["paths"].items())
    for (auto& [method, operation] : item.items())
      for (const char* status : kCommon)
        if (!operation["responses"].contains(status))
          operation["responses"][status] = {{"$ref", "#/components/responses/Error"}};
  // GET answers carry an ETag; If-None-Match naming it gets an empty 304
  // (health and the change feed excepted: they report live state).
  for (auto& [path, item] : spec["paths"].items())
    if (item.contains("get") && path != "/api/health" && path != "/api/changes" && path != "/api/replication/batch")
      item["get"]["responses"]["304"] = {
          {"description", "Not modified: the If-None-Match header names the current answer"}};
  spec["components"]["schemas"]["Kind"]["enum"] = KindValues();
  spec["info"]["description"] =
      spec["info"]["description"].get<std::string>() +
      " Limits: request line 8192 bytes (414), request head 32 KiB and 100 headers (431), head within 10 s (408), "
      "bodies 2 MiB with a Content-Length (413, 411 without one or with Transfer-Encoding). Every error is "
      "{\"error\": {\"code\", \"message\"}}. A parameter given more than once is checked in every value; the "
      "first is used.";
}

}  // namespace

const std::string& OpenApiJson() {
  static const std::string spec = [] {
    nlohmann::json j = nlohmann::json::parse(SpecText());
    AddCommonAnswers(j);
    return Dump(j);
  }();
  return spec;
}

}  // namespace citykb
