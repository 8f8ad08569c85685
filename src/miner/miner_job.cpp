#include "miner/miner_job.h"

#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace viddhana::miner {

std::optional<uint32_t> parse_u32_hex(std::string_view hex) {
    if (hex.size() != 8) return std::nullopt;
    uint32_t v = 0;
    auto [p, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), v, 16);
    if (ec != std::errc() || p != hex.data() + hex.size()) return std::nullopt;
    return v;
}

std::optional<chain::Uint256> prevhash_from_stratum(std::string_view hex) {
    uint8_t raw[32];
    if (hex.size() != 64 || !from_hex_into(hex, raw)) return std::nullopt;
    uint8_t internal[32];
    for (int word = 0; word < 8; ++word) {
        for (int i = 0; i < 4; ++i)
            internal[4 * word + i] = raw[4 * word + 3 - i];
    }
    return chain::Uint256(std::span<const uint8_t, 32>(internal, 32));
}

namespace {

Expected<std::string> string_param(const nlohmann::json& params, size_t i, std::string_view name) {
    if (i >= params.size() || !params[i].is_string()) {
        return make_error(fmt::format("mining.notify param {} ({}) must be a string", i, name));
    }
    return params[i].get<std::string>();
}

Expected<Bytes> hex_param(const nlohmann::json& params, size_t i, std::string_view name) {
    auto s = string_param(params, i, name);
    if (!s) return s.error();
    auto bytes = from_hex(*s);
    if (!bytes) return make_error(fmt::format("mining.notify {} is not hex", name));
    return std::move(*bytes);
}

Expected<uint32_t> u32_param(const nlohmann::json& params, size_t i, std::string_view name) {
    auto s = string_param(params, i, name);
    if (!s) return s.error();
    auto v = parse_u32_hex(*s);
    if (!v) return make_error(fmt::format("mining.notify {} must be 8 hex digits", name));
    return *v;
}

}  // namespace

Expected<MinerJob> parse_notify(const nlohmann::json& params) {
    if (!params.is_array() || params.size() < 9) {
        return make_error("mining.notify params must be an array of 9 fields");
    }
    MinerJob job;
    auto id = string_param(params, 0, "job id");
    if (!id) return id.error();
    if (id->empty()) return make_error("mining.notify job id is empty");
    job.job_id = std::move(*id);

    auto prev = string_param(params, 1, "prevhash");
    if (!prev) return prev.error();
    auto prev_block = prevhash_from_stratum(*prev);
    if (!prev_block) return make_error("mining.notify prevhash must be 64 hex digits");
    job.prev_block = *prev_block;

    auto c1 = hex_param(params, 2, "coinb1");
    if (!c1) return c1.error();
    job.coinb1 = std::move(*c1);
    auto c2 = hex_param(params, 3, "coinb2");
    if (!c2) return c2.error();
    job.coinb2 = std::move(*c2);

    if (!params[4].is_array()) return make_error("mining.notify merkle branch must be an array");
    for (const auto& step : params[4]) {
        uint8_t raw[32];
        if (!step.is_string() || !from_hex_into(step.get_ref<const std::string&>(), raw)) {
            return make_error("mining.notify merkle branch entries must be 64 hex digits");
        }
        job.merkle_branch.emplace_back(std::span<const uint8_t, 32>(raw, 32));
    }

    auto version = u32_param(params, 5, "version");
    if (!version) return version.error();
    job.version = *version;
    auto bits = u32_param(params, 6, "nbits");
    if (!bits) return bits.error();
    job.bits = *bits;
    auto ntime = u32_param(params, 7, "ntime");
    if (!ntime) return ntime.error();
    job.ntime = *ntime;
    if (!params[8].is_boolean()) return make_error("mining.notify clean_jobs must be a boolean");
    job.clean = params[8].get<bool>();
    return job;
}

}  // namespace viddhana::miner
