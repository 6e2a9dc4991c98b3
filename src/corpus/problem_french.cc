#include "corpus/problem_french.h"

#include <regex>
#include <utility>
#include <vector>

namespace citykb {

namespace {

// The words a reason may name, in French.
std::string FrenchWord(const std::string& word) {
  static const std::vector<std::pair<std::string, std::string>> words = {
      {"theme", "thème"},     {"stakeholder", "acteur"}, {"document", "document"},
      {"person", "personne"}, {"source", "source"},      {"indicator", "indicateur"}};
  for (const auto& [en, fr] : words)
    if (word == en) return fr;
  return word;
}

struct Rule {
  std::regex pattern;
  std::string french;            // $1, $2... are the captured parts
  bool translate_first = false;  // $1 is a word of FrenchWord
};

const std::vector<Rule>& Rules() {
  static const std::vector<Rule> rules = [] {
    std::vector<std::pair<const char*, const char*>> pairs = {
        {"an interview names the person who speaks", "un entretien nomme la personne qui s'exprime"},
        {"(document|person|source) id '(.*)' already belongs to another city",
         "l'identifiant « $2 » appartient déjà à une autre ville"},
        {"duplicate (document|person|source) id '(.*)'", "identifiant « $2 » en double"},
        {"duplicate indicator '(.*)'", "indicateur « $1 » en double"},
        {"duplicate slug '(.*)'", "identifiant « $1 » en double"},
        {"holds more than (\\d+) records", "contient plus de $1 enregistrements"},
        {"is before 'from' \\((.*)\\)", "est antérieur au début (« from » : $1)"},
        {"is longer than (\\d+) bytes", "dépasse $1 octets"},
        {"is not valid UTF-8", "n'est pas de l'UTF-8 valide"},
        {"the file is not valid UTF-8", "le fichier n'est pas de l'UTF-8 valide"},
        {"not valid JSON", "JSON invalide"},
        {"JSON nested too deeply", "JSON trop imbriqué"},
        {"is required \\(an array, possibly empty for people\\)",
         "est obligatoire (un tableau, éventuellement vide pour people)"},
        {"is required \\(an object with \"fr\" and \"en\"\\)", "est obligatoire (un objet avec « fr » et « en »)"},
        {"is required and must be a number", "est obligatoire et doit être un nombre"},
        {"is required and must be a number, 0 or more", "est obligatoire et doit être un nombre positif ou nul"},
        {"is required when no indicator definitions are loaded",
         "est obligatoire quand aucune définition d'indicateur n'est chargée"},
        {"is required", "est obligatoire"},
        {"must be '(.*)', the unit of '(.*)'", "doit être « $1 », l'unité de « $2 »"},
        {"must be a date or time in ISO 8601 \\((.*)\\)", "doit être une date ou une heure ISO 8601 ($1)"},
        {"must be a date: YYYY, YYYY-MM or YYYY-MM-DD \\(got '(.*)'\\)",
         "doit être une date : AAAA, AAAA-MM ou AAAA-MM-JJ (reçu « $1 »)"},
        {"must be a language code \\(fr, en...\\)", "doit être un code de langue (fr, en…)"},
        {"must be a lowercase slug \\(a-z, 0-9 and inner hyphens\\)",
         "doit être un identifiant en minuscules (a-z, 0-9 et tirets intérieurs)"},
        {"must be a lowercase slug", "doit être un identifiant en minuscules"},
        {"must be a source id", "doit être un identifiant de source"},
        {"must be a string", "doit être une chaîne de caractères"},
        {"must be an ISO 3166-1 alpha-2 code in capitals \\(FR\\)",
         "doit être un code pays ISO 3166-1 alpha-2 en capitales (FR)"},
        {"must be an ISO 4217 code \\(EUR\\)", "doit être un code de devise ISO 4217 (EUR)"},
        {"must be an array of two or more strings", "doit être un tableau d'au moins deux chaînes"},
        {"must be an array of at most (\\d+) partners", "doit être un tableau d'au plus $1 partenaires"},
        {"must be an array of at most (\\d+) roles", "doit être un tableau d'au plus $1 fonctions"},
        {"must be an array of at most (\\d+) source ids", "doit être un tableau d'au plus $1 identifiants de source"},
        {"must be an array", "doit être un tableau"},
        {"must be an http:// or https:// address", "doit être une adresse http:// ou https://"},
        {"must be an object", "doit être un objet"},
        {"must be one of press, official, public-body, research, vendor, other",
         "doit valoir press, official, public-body, research, vendor ou other"},
        {"must be true or false", "doit valoir true ou false"},
        {"must not be empty", "ne doit pas être vide"},
        {"must not contain spaces, quotes or angle brackets", "ne doit contenir ni espace, ni guillemet, ni chevron"},
        {"needs at least one document", "doit contenir au moins un document"},
        {"needs at least one source", "doit citer au moins une source"},
        {"needs at least one theme", "doit avoir au moins un thème"},
        {"needs \"fr\" and \"en\"", "doit avoir « fr » et « en »"},
        {"only a milestone has a date \\(use as_of\\)", "seul un jalon a une date (utilisez as_of)"},
        {"only a practice has a good-practice sheet", "seule une pratique a une fiche de bonne pratique"},
        {"the cross-city file has no city", "le fichier transversal n'a pas de ville"},
        {"the same observation \\(name, as_of, source\\) is given twice",
         "la même observation (name, as_of, source) figure deux fois"},
        {"unknown field", "champ inconnu"},
        {"unknown indicator '(.*)' \\(indicators are defined in corpus/indicators.json\\)",
         "indicateur inconnu « $1 » (les indicateurs sont définis dans corpus/indicators.json)"},
        {"unknown kind '(.*)' \\(profile, role, practice, interview or milestone\\)",
         "type inconnu « $1 » (profile, role, practice, interview ou milestone)"},
        {"unknown person '(.*)' \\(define it under /people\\)", "personne inconnue « $1 » (à définir sous /people)"},
        {"unknown source '(.*)' \\(add it to the bundle's \"sources\" or to corpus/sources.json\\)",
         "source inconnue « $1 » (à ajouter aux « sources » du lot ou à corpus/sources.json)"},
        {"city '(.*)' is defined twice", "la ville « $1 » est définie deux fois"},
        {"must match the file name \\('(.*)'\\)", "doit correspondre au nom du fichier (« $1 »)"},
        {"missing file", "fichier manquant"},
        {"is reserved for the records about no particular city",
         "est réservé aux fiches qui ne concernent aucune ville"},
        {"source '(.*)' is defined differently elsewhere in the corpus",
         "la source « $1 » est définie autrement ailleurs dans le corpus"},
    };
    std::vector<Rule> out;
    for (const auto& [en, fr] : pairs) out.push_back({std::regex(std::string("^") + en + "$"), fr, false});
    // Messages that name a facet word first.
    out.push_back({std::regex("^unknown (theme|stakeholder) '(.*)' \\(see /api/taxonomy\\)$"),
                   "$1 inconnu « $2 » (voir /api/taxonomy)", true});
    out.push_back({std::regex("^duplicate (theme|stakeholder) '(.*)'$"), "$1 « $2 » en double", true});
    out.push_back({std::regex("^must be an array of (theme|stakeholder) slugs$"),
                   "doit être un tableau d'identifiants de type $1", true});
    return out;
  }();
  return rules;
}

}  // namespace

std::string FrenchReason(const std::string& english) {
  for (const Rule& rule : Rules()) {
    std::smatch m;
    if (!std::regex_match(english, m, rule.pattern)) continue;
    std::string french = rule.french;
    if (rule.translate_first) {
      const std::string word = FrenchWord(m[1].str());
      for (size_t at; (at = french.find("$1")) != std::string::npos;) french.replace(at, 2, word);
    }
    return m.format(french);
  }
  return english;
}

}  // namespace citykb
