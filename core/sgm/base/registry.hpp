#pragma once
// One registry entry per name: each process, grid, sampler, target and score model is declared once, in the file that
// implements it, as an Entry (name, one-line meaning, citation, parameters with type, default and range, factory)
// that registers itself at start-up:
//
//     [[gnu::cold]] bool register_ddim() {
//       return Registry<SamplerMethod>::add({"ddim", "DDIM(η) …", "Song, Meng, Ermon 2021 Eq. 12", {…},
//                                            [](const Arguments& a, const Context&) { … }});
//     }
//     const bool registered_ddim = register_ddim();
//
// (the core is built as CMake OBJECT libraries, so no registering object file is dropped by the linker). The entry is
// built in a function of its own marked cold, which runs once: the compilers optimise it for size (the entries' strings
// and parameters inlined at -O3 into the static initialisers took 45 KB of the WebAssembly module's code, 33 KB now;
// docs/benchmarks.md, "WebAssembly module size"). The JSON parser, `sgm list`, the WebAssembly catalogue and
// docs/reference.md are derived from the entries.
#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sgm/base/error.hpp"
#include "sgm/base/parameter.hpp"

namespace sgm {

// Names with a one-line meaning, for the lists that have no parameters (metrics, bounds, sweep axes).
using Catalogue = std::vector<std::pair<std::string, std::string>>;
std::vector<std::string> catalogue_names(const Catalogue& catalogue);
bool catalogue_has(const Catalogue& catalogue, const std::string& name);
[[noreturn]] void throw_unknown_name(const std::string& field, const std::string& name, const Catalogue& catalogue);

// Throws InvalidArgument("<field> = "<name>" is unknown: must be one of "a", "b"").
[[noreturn]] void throw_unknown_name(const std::string& field, const std::string& name,
                                     const std::vector<std::string>& names);
// The names quoted and separated by commas: "ei", "em".
std::string quoted_names(const std::vector<std::string>& names);

template <class T>
struct Entry {
  using Factory = std::function<std::shared_ptr<const T>(const Arguments&, const Context&)>;
  std::string name;
  std::string meaning;   // one line
  std::string citation;  // paper and equation, or "docs/theory.md §N"
  std::vector<Parameter> parameters;
  Factory make;
  std::vector<std::string> aliases = {};  // old spellings, normalised to `name`
  std::string family = {};                // samplers: the family of processes they step; processes: the family
                                          // of samplers they take ("diffusion" on R^d, "cld" on (x, v))

  const Parameter* parameter(const std::string& key) const {
    for (const Parameter& p : parameters)
      if (p.name == key) return &p;
    return nullptr;
  }
};

template <class T>
class Registry {
public:
  // Registers an entry; returns true, for `const bool registered_<name> = Registry<T>::add(...)`
  // (a name of its own in each file, so that a unity build can join the files).
  static bool add(Entry<T> entry) {
    instance().entries_.emplace(entry.name, std::move(entry));
    return true;
  }

  // The entry of `name` or of one of its aliases, or null.
  static const Entry<T>* find(const std::string& name) {
    const auto& entries = instance().entries_;
    const auto found = entries.find(name);
    if (found != entries.end()) return &found->second;
    for (const auto& [key, entry] : entries)
      if (std::find(entry.aliases.begin(), entry.aliases.end(), name) != entry.aliases.end()) return &entry;
    return nullptr;
  }

  // The entry of `name` (or an alias) in `family` (any family when empty); an unknown name throws naming `field` and
  // the names of the family.
  static const Entry<T>& at(const std::string& name, const std::string& field, const std::string& family = {}) {
    const Entry<T>* entry = find(name);
    if (entry == nullptr || (!family.empty() && entry->family != family))
      throw_unknown_name(field, name, names(family));
    return *entry;
  }

  // Every entry (of `family`, when given), by name.
  static std::vector<const Entry<T>*> entries(const std::string& family = {}) {
    std::vector<const Entry<T>*> out;
    for (const auto& [name, entry] : instance().entries_)
      if (family.empty() || entry.family == family) out.push_back(&entry);
    return out;
  }

  static std::vector<std::string> names(const std::string& family = {}) {
    std::vector<std::string> out;
    for (const Entry<T>* entry : entries(family)) out.push_back(entry->name);
    return out;
  }

  // The object of `spec` (arguments complete: the parser fills in the defaults).
  static std::shared_ptr<const T> make(const Spec& spec, const Context& context) {
    return at(spec.kind, "kind").make(spec.arguments, context);
  }

  // An entry's arguments all at their defaults (an entry with a required parameter throws naming it).
  static Arguments defaults(const Entry<T>& entry, const Context& context) {
    Arguments arguments;
    for (const Parameter& p : entry.parameters) arguments.set(p.name, p.default_value(context));
    return arguments;
  }
  static std::shared_ptr<const T> make_default(const std::string& name, const Context& context = {}) {
    const Entry<T>& entry = at(name, "kind");
    return entry.make(defaults(entry, context), context);
  }

private:
  static Registry& instance() {
    static Registry registry;
    return registry;
  }
  std::map<std::string, Entry<T>> entries_;
};

}  // namespace sgm
