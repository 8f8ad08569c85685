#include "miner/client_protocol.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace viddhana::miner {

using nlohmann::json;

namespace {

// The request id we sent, from the id the pool echoes (a number, or a string of digits).
std::optional<uint64_t> response_id(const json& id) {
    if (id.is_number_unsigned()) return id.get<uint64_t>();
    if (id.is_number_integer() && id.get<int64_t>() >= 0)
        return static_cast<uint64_t>(id.get<int64_t>());
    if (id.is_string()) {
        const auto& s = id.get_ref<const std::string&>();
        uint64_t v;
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec == std::errc() && p == s.data() + s.size()) return v;
    }
    return std::nullopt;
}

// Stratum errors come as [code, message, data], sometimes as {"code":..,"message":..} or a string.
void read_error(const json& error, int& code, std::string& message) {
    code = 0;
    message.clear();
    if (error.is_array()) {
        if (!error.empty() && error[0].is_number_integer()) code = error[0].get<int>();
        if (error.size() > 1 && error[1].is_string()) message = error[1].get<std::string>();
    } else if (error.is_object()) {
        if (auto c = error.find("code"); c != error.end() && c->is_number_integer())
            code = c->get<int>();
        if (auto m = error.find("message"); m != error.end() && m->is_string())
            message = m->get<std::string>();
    } else if (error.is_string()) {
        message = error.get<std::string>();
    }
    if (message.empty()) message = error.dump();
}

bool has_error(const json& msg) {
    auto e = msg.find("error");
    return e != msg.end() && !e->is_null();
}

}  // namespace

ClientProtocol::ClientProtocol(ClientSettings settings) : settings_(std::move(settings)) {}

std::string ClientProtocol::request(std::string_view method, const std::string& params_json,
                                    Pending kind, std::string job_id) {
    uint64_t id = next_id_++;
    pending_[id] = PendingRequest{kind, std::move(job_id)};
    return fmt::format("{{\"id\":{},\"method\":\"{}\",\"params\":{}}}\n", id, method, params_json);
}

std::string ClientProtocol::hello() {
    pending_.clear();
    std::string out;
    if (settings_.version_rolling) {
        json params = json::array(
            {json::array({"version-rolling"}),
             {{"version-rolling.mask", fmt::format("{:08x}", settings_.version_rolling_mask)},
              {"version-rolling.min-bit-count", 2}}});
        out += request("mining.configure", params.dump(), Pending::configure);
    }
    out +=
        request("mining.subscribe", json::array({settings_.user_agent}).dump(), Pending::subscribe);
    out += request("mining.authorize", json::array({settings_.login, settings_.password}).dump(),
                   Pending::authorize);
    return out;
}

std::string ClientProtocol::submit(const ShareSubmission& s) {
    json params = json::array({settings_.login, s.job_id, to_hex(s.extranonce2),
                               fmt::format("{:08x}", s.ntime), fmt::format("{:08x}", s.nonce)});
    if (s.version_bits) params.push_back(fmt::format("{:08x}", *s.version_bits));
    return request("mining.submit", params.dump(), Pending::submit, s.job_id);
}

void ClientProtocol::on_line(std::string_view line, std::vector<ClientEvent>& out) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
        line.remove_suffix(1);
    if (line.empty()) return;
    json msg = json::parse(line, nullptr, false);
    if (msg.is_discarded() || !msg.is_object()) {
        out.push_back(event::Malformed{fmt::format("not a JSON object: {}", line.substr(0, 200))});
        return;
    }
    auto method_it = msg.find("method");
    if (method_it != msg.end() && method_it->is_string()) {
        const auto& method = method_it->get_ref<const std::string&>();
        static const json kEmpty = json::array();
        auto params_it = msg.find("params");
        const json& params = params_it != msg.end() ? *params_it : kEmpty;
        if (method == "mining.notify") {
            auto job = parse_notify(params);
            if (!job) {
                out.push_back(event::Malformed{job.error().message});
            } else {
                out.push_back(event::NewJob{std::move(*job)});
            }
        } else if (method == "mining.set_difficulty") {
            if (!params.is_array() || params.empty() || !params[0].is_number() ||
                !(params[0].get<double>() > 0)) {
                out.push_back(event::Malformed{"mining.set_difficulty needs a positive number"});
            } else {
                out.push_back(event::Difficulty{params[0].get<double>()});
            }
        } else if (method == "mining.set_extranonce") {
            std::optional<Bytes> en1;
            if (params.is_array() && params.size() >= 2 && params[0].is_string() &&
                params[1].is_number_integer()) {
                en1 = from_hex(params[0].get_ref<const std::string&>());
            }
            if (!en1 || params[1].get<int>() < 1 || params[1].get<int>() > 32) {
                out.push_back(event::Malformed{"mining.set_extranonce needs [hex, size 1..32]"});
            } else {
                out.push_back(event::ExtranonceChanged{std::move(*en1), params[1].get<int>()});
            }
        } else if (method == "client.reconnect") {
            event::Reconnect r;
            if (params.is_array()) {
                if (params.size() > 0 && params[0].is_string())
                    r.host = params[0].get<std::string>();
                if (params.size() > 1) {
                    int port = 0;
                    if (params[1].is_number_integer()) port = params[1].get<int>();
                    if (params[1].is_string()) {
                        const auto& s = params[1].get_ref<const std::string&>();
                        std::from_chars(s.data(), s.data() + s.size(), port);
                    }
                    if (port > 0 && port < 65536) r.port = static_cast<uint16_t>(port);
                }
                if (params.size() > 2 && params[2].is_number_integer()) {
                    r.wait_seconds = std::clamp(params[2].get<int>(), 0, 3600);
                }
            }
            out.push_back(std::move(r));
        } else if (method == "client.get_version") {
            json id = msg.contains("id") ? msg["id"] : json();
            out.push_back(event::Reply{fmt::format("{{\"id\":{},\"result\":{},\"error\":null}}\n",
                                                   id.dump(), json(settings_.user_agent).dump())});
        } else if (method != "client.show_message") {
            out.push_back(event::Malformed{fmt::format("unknown method {}", method)});
        }
        return;
    }

    auto id_it = msg.find("id");
    auto id = id_it != msg.end() ? response_id(*id_it) : std::nullopt;
    auto pending = id ? pending_.find(*id) : pending_.end();
    if (pending == pending_.end()) {
        out.push_back(
            event::Malformed{fmt::format("answer to no request: {}", line.substr(0, 200))});
        return;
    }
    PendingRequest req = std::move(pending->second);
    pending_.erase(pending);
    static const json kNull;
    auto result_it = msg.find("result");
    const json& result = result_it != msg.end() ? *result_it : kNull;
    int code = 0;
    std::string message;
    if (has_error(msg)) read_error(msg["error"], code, message);

    switch (req.kind) {
        case Pending::configure: {
            uint32_t mask = 0;
            if (!has_error(msg) && result.is_object() && result.value("version-rolling", false)) {
                auto m = result.find("version-rolling.mask");
                if (m != result.end() && m->is_string()) {
                    mask = parse_u32_hex(m->get_ref<const std::string&>()).value_or(0);
                }
            }
            out.push_back(event::VersionRolling{mask});
            break;
        }
        case Pending::subscribe: {
            // [[subscriptions...], extranonce1, extranonce2_size]
            std::optional<Bytes> en1;
            int size = 0;
            if (!has_error(msg) && result.is_array() && result.size() >= 3 &&
                result[1].is_string() && result[2].is_number_integer()) {
                en1 = from_hex(result[1].get_ref<const std::string&>());
                size = result[2].get<int>();
            }
            if (!en1 || size < 1 || size > 32) {
                out.push_back(event::SubscribeFailed{
                    has_error(msg) ? message : "mining.subscribe answer is not [subs, hex, size]"});
            } else {
                out.push_back(event::Subscribed{std::move(*en1), size});
            }
            break;
        }
        case Pending::authorize: {
            bool ok = !has_error(msg) && result.is_boolean() && result.get<bool>();
            out.push_back(event::Authorized{ok, ok                ? std::string()
                                                : message.empty() ? "refused"
                                                                  : message});
            break;
        }
        case Pending::submit: {
            bool ok = !has_error(msg) && result.is_boolean() && result.get<bool>();
            out.push_back(event::SubmitResult{ok, ok ? 0 : code, ok ? std::string() : message,
                                              std::move(req.job_id)});
            break;
        }
    }
}

}  // namespace viddhana::miner
