#include "sgm/io/json_text.hpp"

#include <unordered_set>
#include <vector>

#include "sgm/base/error.hpp"

namespace sgm::io {

namespace {

// The SAX events of nlohmann's parser, checked and then handed to the library's own DOM builder. The parser and the
// builder keep explicit stacks (no recursion), and this handler refuses a container before it is built.
class CheckedDomBuilder {
public:
  explicit CheckedDomBuilder(Json& root) : dom_(root, true) {}

  bool null() { return done(dom_.null()); }
  bool boolean(bool v) { return done(dom_.boolean(v)); }
  bool number_integer(Json::number_integer_t v) { return done(dom_.number_integer(v)); }
  bool number_unsigned(Json::number_unsigned_t v) { return done(dom_.number_unsigned(v)); }
  bool number_float(Json::number_float_t v, const Json::string_t& s) { return done(dom_.number_float(v, s)); }
  bool string(Json::string_t& v) { return done(dom_.string(v)); }
  bool binary(Json::binary_t& v) { return done(dom_.binary(v)); }

  bool start_object(std::size_t n) {
    enter(false);
    return dom_.start_object(n);
  }
  bool key(Json::string_t& k) {
    Level& level = levels_.back();
    if (!level.keys.insert(k).second)
      throw InvalidArgument("experiment: duplicate key \"" + shortened(k) + "\" in the object at " +
                            path(levels_.size() - 1) + ": every key of an object must be distinct");
    level.key = k;
    return dom_.key(k);
  }
  bool end_object() {
    levels_.pop_back();
    return done(dom_.end_object());
  }
  bool start_array(std::size_t n) {
    enter(true);
    return dom_.start_array(n);
  }
  bool end_array() {
    levels_.pop_back();
    return done(dom_.end_array());
  }

  template <class Exception>
  bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/, const Exception& e) {
    // The library's message gives the line and column and ends with the text last read, which may be huge.
    std::string what = e.what();
    const std::size_t last = what.find("last read: ");
    if (last != std::string::npos) what = what.substr(0, last) + "last read: " + shortened(what.substr(last + 11));
    throw InvalidArgument("experiment: malformed JSON (reading " + path(levels_.size()) + "): " + shortened(what, 400));
  }

private:
  struct Level {
    bool array = false;
    std::size_t index = 0;                 // arrays: the element being read
    std::string key;                       // objects: the key being read
    std::unordered_set<std::string> keys;  // objects: the keys seen
  };

  void enter(bool array) {
    if (levels_.size() >= kMaxNestingDepth)
      throw InvalidArgument("experiment: nesting depth exceeds the limit of " + std::to_string(kMaxNestingDepth) +
                            " (arrays and objects inside each other) at " + path(levels_.size()));
    levels_.push_back(Level{array, 0, {}, {}});
  }
  // A value is complete: the next element of an array is the next index.
  bool done(bool ok) {
    if (!levels_.empty() && levels_.back().array) ++levels_.back().index;
    return ok;
  }
  // The path of the value being read in the outermost `depth` levels, e.g. "target.means[1][0]" (built only for a
  // message).
  std::string path(std::size_t depth) const {
    std::string out;
    for (std::size_t i = 0; i < depth; ++i) {
      const Level& level = levels_[i];
      if (level.array)
        out += "[" + std::to_string(level.index) + "]";
      else if (!level.keys.empty())
        out += (out.empty() ? "" : ".") + shortened(level.key);
    }
    return out.empty() ? "the top level" : "\"" + out + "\"";
  }

  nlohmann::detail::json_sax_dom_parser<Json> dom_;
  std::vector<Level> levels_;
};

}  // namespace

Json parse_json_text(const std::string& text) {
  require(text.size() <= kMaxDocumentBytes, "experiment", [&] {
    return "the document is " + std::to_string(text.size()) + " bytes: the limit is " +
           std::to_string(kMaxDocumentBytes) + " bytes (16 MiB)";
  });
  Json root;
  CheckedDomBuilder builder(root);
  Json::sax_parse(text, &builder);
  return root;
}

}  // namespace sgm::io
