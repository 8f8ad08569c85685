// Stratum V1 wire codec (pure): turns one JSON line from a miner into a Request, and writes the
// pool's responses and notifications. It tolerates what real clients send: ids of any JSON type,
// params as strings or numbers, missing optional fields.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"

namespace simdjson::dom {
class parser;
}

namespace viddhana::stratum {

enum class Method {
    subscribe,
    authorize,
    submit,
    configure,
    suggest_difficulty,
    suggest_target,
    extranonce_subscribe,
    capabilities,  // bfgminer: what the client understands, and a suggested target
    ping,
    get_transactions,
    response,  // a client's answer to something the pool sent (no method, has result/error)
    unknown,
};

// Stratum's customary error codes, sent as [code, message, null].
enum class ErrorCode : int {
    other = 20,
    job_not_found = 21,
    duplicate = 22,
    low_difficulty = 23,
    unauthorized = 24,
    not_subscribed = 25,
};

struct SubmitParams {
    std::string worker;
    std::string job_id;
    std::string extranonce2;                  // hex
    std::string ntime;                        // 8 hex digits, big-endian as shown
    std::string nonce;                        // 8 hex digits, big-endian as shown
    std::optional<std::string> version_bits;  // BIP310 6th field, 8 hex digits
};

struct ConfigureParams {
    bool version_rolling = false;
    uint32_t version_rolling_mask = 0;  // the client's requested mask (0xffffffff when absent)
    uint32_t version_rolling_min_bit_count = 0;
    bool minimum_difficulty = false;
    double minimum_difficulty_value = 0;
    bool subscribe_extranonce = false;
    std::vector<std::string> extensions;  // all requested, including unknown ones
};

struct Request {
    std::string id = "null";  // the raw JSON of the id, echoed back verbatim
    Method method = Method::unknown;
    std::string method_name;
    // Set according to the method:
    std::string user_agent;     // subscribe
    std::string session_id;     // subscribe: the session a reconnecting client asks to resume
    std::string login;          // authorize
    std::string password;       // authorize
    double difficulty = 0;      // suggest_difficulty
    std::string target_hex;     // suggest_target; capabilities' suggested_target ("" if none)
    SubmitParams submit;        // submit
    ConfigureParams configure;  // configure

    // A request whose id is null is a notification: it is acted on but never answered (bfgminer
    // sends mining.suggest_target and mining.capabilities so, then reads the next line as the
    // answer to its subscribe).
    bool is_notification() const { return id == "null"; }
};

// Parses one line (without the newline). The parser is reused between calls (no allocation in
// steady state). Fails with a message for input that is not a JSON object, or whose method's
// params have the wrong shape; the message names the field.
class RequestParser {
  public:
    RequestParser();
    ~RequestParser();
    RequestParser(const RequestParser&) = delete;
    RequestParser& operator=(const RequestParser&) = delete;

    // `line` must stay valid during the call; a padded copy is made when needed.
    Expected<Request> parse(std::string_view line);
    // Like parse(), but fills `out` in place so its strings keep their capacity between calls.
    bool parse_into(std::string_view line, Request& out, std::string& error);

  private:
    std::unique_ptr<simdjson::dom::parser> parser_;
    std::string padded_;
};

// --- Encoding. Each function appends one newline-terminated JSON message to `out`. ---
void write_result_true(std::string& out, std::string_view id);
void write_result_raw(std::string& out, std::string_view id, std::string_view result_json);
void write_error(std::string& out, std::string_view id, ErrorCode code, std::string_view message);
void write_set_difficulty(std::string& out, double difficulty);
void write_set_extranonce(std::string& out, std::string_view extranonce1_hex, int extranonce2_size);
void write_reconnect(std::string& out, std::string_view host, int port, int wait_seconds);
void write_subscribe_result(std::string& out, std::string_view id, std::string_view session_id,
                            std::string_view extranonce1_hex, int extranonce2_size);

// JSON string escaping for values we echo (worker names, messages).
void append_json_string(std::string& out, std::string_view s);
// Formats a difficulty the way miners parse it: the shortest decimal that reads back as the same
// double, never in exponent form (0.0001, not 1e-04; 1000000, not 1e+06).
void append_number(std::string& out, double v);

}  // namespace viddhana::stratum
