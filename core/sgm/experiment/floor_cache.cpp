#include "sgm/experiment/floor_cache.hpp"

namespace sgm {

const double* FloorCache::find(const Key& key, const std::string& name) const {
  const auto entry = values_.find(key);
  if (entry == values_.end()) return nullptr;
  const auto value = entry->second.find(name);
  return value == entry->second.end() ? nullptr : &value->second;
}

void FloorCache::store(const Key& key, const std::string& name, double value) { values_[key][name] = value; }

}  // namespace sgm
