#include "stratum/protocol.h"

#include <charconv>
#include <cmath>
#include <cstring>

#include <fmt/format.h>
#include <simdjson.h>

namespace viddhana::stratum {

namespace dom = simdjson::dom;

namespace {

struct MethodName {
    std::string_view name;
    Method method;
};

constexpr MethodName kMethods[] = {
    {"mining.submit", Method::submit},
    {"mining.subscribe", Method::subscribe},
    {"mining.authorize", Method::authorize},
    {"mining.configure", Method::configure},
    {"mining.suggest_difficulty", Method::suggest_difficulty},
    {"mining.suggest_target", Method::suggest_target},
    {"mining.extranonce.subscribe", Method::extranonce_subscribe},
    {"mining.capabilities", Method::capabilities},
    {"mining.ping", Method::ping},
    {"mining.get_transactions", Method::get_transactions},
};

Method method_from_name(std::string_view name) {
    for (const auto& m : kMethods) {
        if (m.name == name) return m.method;
    }
    return Method::unknown;
}

// The text of a scalar param: strings as they are, integers in decimal, others refused.
bool scalar_text(dom::element e, std::string& out) {
    switch (e.type()) {
        case dom::element_type::STRING: {
            std::string_view s = e.get_string().value_unsafe();
            out.assign(s.data(), s.size());
            return true;
        }
        case dom::element_type::INT64:
            out = std::to_string(e.get_int64().value_unsafe());
            return true;
        case dom::element_type::UINT64:
            out = std::to_string(e.get_uint64().value_unsafe());
            return true;
        case dom::element_type::NULL_VALUE:
            out.clear();
            return true;
        default:
            return false;
    }
}

// A 32-bit field given as 8 hex digits, or as a JSON number some clients send instead.
bool u32_hex_text(dom::element e, std::string& out) {
    if (e.type() == dom::element_type::STRING) {
        std::string_view s = e.get_string().value_unsafe();
        out.assign(s.data(), s.size());
        return true;
    }
    uint64_t v;
    if (e.type() == dom::element_type::INT64 && e.get_int64().value_unsafe() >= 0) {
        v = static_cast<uint64_t>(e.get_int64().value_unsafe());
    } else if (e.type() == dom::element_type::UINT64) {
        v = e.get_uint64().value_unsafe();
    } else {
        return false;
    }
    if (v > 0xffffffffULL) return false;
    out = fmt::format("{:08x}", v);
    return true;
}

bool number_value(dom::element e, double& out) {
    switch (e.type()) {
        case dom::element_type::DOUBLE:
            out = e.get_double().value_unsafe();
            return true;
        case dom::element_type::INT64:
            out = static_cast<double>(e.get_int64().value_unsafe());
            return true;
        case dom::element_type::UINT64:
            out = static_cast<double>(e.get_uint64().value_unsafe());
            return true;
        case dom::element_type::STRING: {
            std::string_view s = e.get_string().value_unsafe();
            auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
            return ec == std::errc() && p == s.data() + s.size();
        }
        default:
            return false;
    }
}

bool parse_hex_u32(std::string_view s, uint32_t& out) {
    if (s.empty() || s.size() > 8) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out, 16);
    return ec == std::errc() && p == s.data() + s.size();
}

bool fail(std::string& error, std::string message) {
    error = std::move(message);
    return false;
}

bool parse_submit(dom::array params, SubmitParams& out, std::string& error) {
    size_t n = params.size();
    if (n < 5)
        return fail(error,
                    "mining.submit needs 5 params: worker, job_id, extranonce2, ntime, nonce");
    size_t i = 0;
    out.version_bits.reset();
    for (dom::element e : params) {
        bool ok = true;
        switch (i) {
            case 0:
                ok = scalar_text(e, out.worker);
                break;
            case 1:
                ok = scalar_text(e, out.job_id);
                break;
            case 2:
                ok = e.type() == dom::element_type::STRING && scalar_text(e, out.extranonce2);
                break;
            case 3:
                ok = u32_hex_text(e, out.ntime);
                break;
            case 4:
                ok = u32_hex_text(e, out.nonce);
                break;
            case 5:
                if (e.type() != dom::element_type::NULL_VALUE) {
                    std::string v;
                    ok = u32_hex_text(e, v);
                    if (ok) out.version_bits = std::move(v);
                }
                break;
            default:
                break;
        }
        if (!ok) {
            static constexpr const char* kNames[] = {"worker", "job_id", "extranonce2",
                                                     "ntime",  "nonce",  "version_bits"};
            return fail(error, fmt::format("mining.submit param {} has the wrong type", kNames[i]));
        }
        ++i;
    }
    return true;
}

bool parse_configure(dom::array params, ConfigureParams& out, std::string& error) {
    out = ConfigureParams{};
    out.version_rolling_mask = 0xffffffff;
    auto it = params.begin();
    if (it == params.end()) return fail(error, "mining.configure needs a list of extensions");
    dom::array extensions;
    if ((*it).get_array().get(extensions)) {
        return fail(error, "mining.configure's first param must be a list of extensions");
    }
    for (dom::element e : extensions) {
        std::string_view name;
        if (e.get_string().get(name))
            return fail(error, "mining.configure extension names must be strings");
        out.extensions.emplace_back(name);
        if (name == "version-rolling") out.version_rolling = true;
        if (name == "minimum-difficulty") out.minimum_difficulty = true;
        if (name == "subscribe-extranonce") out.subscribe_extranonce = true;
    }
    ++it;
    if (it == params.end()) return true;
    dom::object options;
    if ((*it).get_object().get(options)) {
        return fail(error, "mining.configure's second param must be an object");
    }
    for (auto [key, value] : options) {
        if (key == "version-rolling.mask") {
            std::string_view s;
            uint32_t mask;
            if (value.get_string().get(s) || !parse_hex_u32(s, mask)) {
                return fail(error, "version-rolling.mask must be a hex string of up to 8 digits");
            }
            out.version_rolling_mask = mask;
        } else if (key == "version-rolling.min-bit-count") {
            double v;
            if (!number_value(value, v) || v < 0 || v > 32) {
                return fail(error, "version-rolling.min-bit-count must be a number from 0 to 32");
            }
            out.version_rolling_min_bit_count = static_cast<uint32_t>(v);
        } else if (key == "minimum-difficulty.value") {
            double v;
            if (!number_value(value, v) || !(v >= 0) || !std::isfinite(v)) {
                return fail(error, "minimum-difficulty.value must be a non-negative number");
            }
            out.minimum_difficulty_value = v;
        }
    }
    return true;
}

}  // namespace

RequestParser::RequestParser() : parser_(std::make_unique<dom::parser>()) {}
RequestParser::~RequestParser() = default;

Expected<Request> RequestParser::parse(std::string_view line) {
    Request r;
    std::string error;
    if (!parse_into(line, r, error)) return make_error(error);
    return r;
}

bool RequestParser::parse_into(std::string_view line, Request& out, std::string& error) {
    padded_.reserve(line.size() + simdjson::SIMDJSON_PADDING);
    padded_.assign(line.data(), line.size());
    dom::element root;
    if (parser_->parse(padded_.data(), padded_.size(), false).get(root)) {
        return fail(error, "not valid JSON");
    }
    dom::object obj;
    if (root.get_object().get(obj)) return fail(error, "a message must be a JSON object");

    out.id = "null";
    out.method = Method::unknown;
    out.method_name.clear();
    dom::element id;
    if (!obj.at_key("id").get(id)) {
        switch (id.type()) {
            case dom::element_type::ARRAY:
            case dom::element_type::OBJECT:
                return fail(error, "id must be a number, string or null");
            default:
                out.id = simdjson::minify(id);
                break;
        }
    }
    dom::element method_el;
    if (obj.at_key("method").get(method_el)) {
        dom::element ignored;
        if (!obj.at_key("result").get(ignored) || !obj.at_key("error").get(ignored)) {
            out.method = Method::response;
            return true;
        }
        return fail(error, "missing method");
    }
    std::string_view method_name;
    if (method_el.get_string().get(method_name)) return fail(error, "method must be a string");
    out.method_name.assign(method_name.data(), method_name.size());
    out.method = method_from_name(method_name);

    // A default-constructed dom::array is not an empty array: it must never be touched.
    dom::array params;
    bool has_params = false;
    dom::element params_el;
    if (!obj.at_key("params").get(params_el) && params_el.type() != dom::element_type::NULL_VALUE) {
        if (params_el.get_array().get(params)) return fail(error, "params must be an array");
        has_params = true;
    }
    auto param = [&](size_t i, dom::element& e) { return has_params && !params.at(i).get(e); };

    dom::element e;
    switch (out.method) {
        case Method::subscribe:
            out.user_agent.clear();
            out.session_id.clear();
            if (param(0, e) && !scalar_text(e, out.user_agent)) out.user_agent.clear();
            if (param(1, e) && !scalar_text(e, out.session_id)) out.session_id.clear();
            return true;
        case Method::authorize:
            out.login.clear();
            out.password.clear();
            if (!param(0, e) || !scalar_text(e, out.login) || out.login.empty()) {
                return fail(error, "mining.authorize needs a login (ADDRESS.WORKER)");
            }
            if (param(1, e) && !scalar_text(e, out.password)) {
                double v;
                if (!number_value(e, v))
                    return fail(error, "mining.authorize password must be a string");
                out.password = fmt::format("{}", v);
            }
            return true;
        case Method::submit:
            if (!has_params) return fail(error, "mining.submit needs params");
            return parse_submit(params, out.submit, error);
        case Method::configure:
            if (!has_params) return fail(error, "mining.configure needs params");
            return parse_configure(params, out.configure, error);
        case Method::suggest_difficulty:
            if (!param(0, e) || !number_value(e, out.difficulty) || !(out.difficulty > 0) ||
                !std::isfinite(out.difficulty)) {
                return fail(error, "mining.suggest_difficulty needs a positive number");
            }
            return true;
        case Method::suggest_target: {
            std::string_view s;
            if (!param(0, e) || e.get_string().get(s) || s.size() != 64) {
                return fail(error, "mining.suggest_target needs a 64-digit hex target");
            }
            out.target_hex.assign(s.data(), s.size());
            return true;
        }
        case Method::capabilities: {
            out.target_hex.clear();
            dom::object caps;
            dom::element t;
            std::string_view s;
            if (param(0, e) && !e.get_object().get(caps) &&
                !caps.at_key("suggested_target").get(t) && !t.get_string().get(s)) {
                if (s.size() != 64) {
                    return fail(error,
                                "mining.capabilities suggested_target must be 64 hex digits");
                }
                out.target_hex.assign(s.data(), s.size());
            }
            return true;
        }
        default:
            return true;
    }
}

void append_json_string(std::string& out, std::string_view s) {
    out.push_back('"');
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(c);
        } else if (u < 0x20) {
            fmt::format_to(std::back_inserter(out), "\\u{:04x}", u);
        } else {
            out.push_back(c);
        }
    }
    out.push_back('"');
}

void append_number(std::string& out, double v) {
    // Firmware parses difficulties with strtod, cJSON or ArduinoJson; some of them take "1e-05"
    // for 1 or reject it, so the fixed notation is always used. 400 characters hold any double.
    char buf[400];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    if (ec != std::errc() || !std::isfinite(v)) {
        out.push_back('0');
        return;
    }
    out.append(buf, static_cast<size_t>(p - buf));
}

void write_result_true(std::string& out, std::string_view id) {
    out.append("{\"id\":").append(id).append(",\"result\":true,\"error\":null}\n");
}

void write_result_raw(std::string& out, std::string_view id, std::string_view result_json) {
    out.append("{\"id\":")
        .append(id)
        .append(",\"result\":")
        .append(result_json)
        .append(",\"error\":null}\n");
}

void write_error(std::string& out, std::string_view id, ErrorCode code, std::string_view message) {
    out.append("{\"id\":").append(id).append(",\"result\":null,\"error\":[");
    fmt::format_to(std::back_inserter(out), "{},", static_cast<int>(code));
    append_json_string(out, message);
    out.append(",null]}\n");
}

void write_set_difficulty(std::string& out, double difficulty) {
    out.append("{\"id\":null,\"method\":\"mining.set_difficulty\",\"params\":[");
    append_number(out, difficulty);
    out.append("]}\n");
}

void write_set_extranonce(std::string& out, std::string_view extranonce1_hex,
                          int extranonce2_size) {
    fmt::format_to(std::back_inserter(out),
                   "{{\"id\":null,\"method\":\"mining.set_extranonce\",\"params\":[\"{}\",{}]}}\n",
                   extranonce1_hex, extranonce2_size);
}

void write_reconnect(std::string& out, std::string_view host, int port, int wait_seconds) {
    out.append("{\"id\":null,\"method\":\"client.reconnect\",\"params\":[");
    append_json_string(out, host);
    fmt::format_to(std::back_inserter(out), ",{},{}]}}\n", port, wait_seconds);
}

void write_subscribe_result(std::string& out, std::string_view id, std::string_view session_id,
                            std::string_view extranonce1_hex, int extranonce2_size) {
    fmt::format_to(std::back_inserter(out),
                   "{{\"id\":{},\"result\":[[[\"mining.set_difficulty\",\"{}\"],[\"mining.notify\","
                   "\"{}\"]],\"{}\",{}],\"error\":null}}\n",
                   id, session_id, session_id, extranonce1_hex, extranonce2_size);
}

}  // namespace viddhana::stratum
