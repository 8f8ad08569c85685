// A strict reader over a YAML document: every key the program reads is remembered, every value
// can be overridden from the environment (VIDDHANA_<PATH> with dots as underscores, e.g.
// VIDDHANA_NODE_RPC_PASSWORD for node.rpc_password), and at the end every key nobody read is an
// error that names it. Bad values throw ConfigError naming the key and what was expected. A renamed
// section's old keys are read as its new keys, with a warning (see rename_section).
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace viddhana::app {

class ConfigError : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

class ConfigReader {
  public:
    // `env` looks up an environment variable (injectable for tests).
    using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
    explicit ConfigReader(YAML::Node root, EnvLookup env = system_env());
    static EnvLookup system_env();

    std::string text(const std::string& path, const std::string& fallback);
    std::optional<std::string> optional_text(const std::string& path);
    double number(const std::string& path, double fallback);
    int64_t integer(const std::string& path, int64_t fallback, int64_t min, int64_t max);
    bool boolean(const std::string& path, bool fallback);
    // "10s", "250ms", "5m", "2h", "7d" or a plain number of seconds.
    double seconds(const std::string& path, double fallback);
    // A hex number such as "1fffe000".
    uint32_t hex32(const std::string& path, uint32_t fallback);
    std::vector<std::string> text_list(const std::string& path);
    bool has(const std::string& path) const;
    // The number of items of a sequence at path (0 when absent); items are read as "path.N.key".
    size_t sequence_size(const std::string& path);
    // Marks a key as known without reading it (a section the program reads elsewhere).
    void mark_known(const std::string& path);

    // Throws ConfigError listing every key in the document that nothing read.
    void reject_unknown_keys() const;

    // Reads the keys of section `old_name` (in the file, and as VIDDHANA_<OLD>_* variables) as
    // those of `new_name`, adding a warning for each one. A key set under both names is an error.
    // Call before reading anything.
    void rename_section(const std::string& old_name, const std::string& new_name);
    // One line per deprecated name read, naming its replacement.
    const std::vector<std::string>& warnings() const { return warnings_; }
    // `message` with every key that was written under a renamed section's old name followed by
    // how it was written, so an error names what the user wrote.
    std::string as_written(const std::string& message) const;

    [[noreturn]] static void fail(const std::string& path, const std::string& what);

  private:
    std::optional<std::string> scalar(const std::string& path);
    // The VIDDHANA_<PATH> variable, or that of a renamed section's old name (with a warning).
    std::optional<std::string> env_value(const std::string& path);
    YAML::Node find(const std::string& path) const;
    void collect_unknown(const YAML::Node& node, const std::string& prefix,
                         std::vector<std::string>& out) const;

    YAML::Node root_;
    EnvLookup env_;
    std::set<std::string> known_;
    std::map<std::string, std::string> renamed_sections_;  // new name -> old name
    std::map<std::string, std::string> written_as_;        // key -> the old key it was read from
    std::vector<std::string> warnings_;
};

}  // namespace viddhana::app
