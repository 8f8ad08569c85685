#include "ledger/legacy_spools.h"

#include <fstream>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "base/byte_reader.h"
#include "base/crc32.h"
#include "base/little_endian.h"

namespace viddhana::ledger {
namespace {

constexpr std::string_view kShareSpoolMagic = "VDSPOOL1";
constexpr uint32_t kMaxPayload = 1u << 20;
constexpr size_t kSharesPerBatch = 4096;

std::filesystem::path with_suffix(const std::filesystem::path& p, const char* suffix) {
    std::filesystem::path out = p;
    out += suffix;
    return out;
}

bool decode_share(std::string_view payload, bus::ShareEvent& s) {
    ByteReader r(payload);
    uint8_t version = 0, result = 0;
    bool ok = r.u8(version) && version == 1 && r.i64le(s.time_ms) && r.str32(s.login) &&
              r.str32(s.worker) && r.f64le(s.difficulty) && r.f64le(s.actual_difficulty) &&
              r.u8(result) && r.i64le(s.height) && r.f64le(s.network_difficulty) &&
              r.str32(s.block_hash) && r.str32(s.ip) && r.u32le(s.node_id) && r.u64le(s.sequence) &&
              r.remaining() == 0 && result <= static_cast<uint8_t>(bus::ShareResult::invalid);
    s.result = static_cast<bus::ShareResult>(result);
    return ok;
}

size_t import_shares(const std::filesystem::path& file,
                     const std::function<void(const bus::EventBatch&)>& append) {
    std::ifstream in(file, std::ios::binary);
    std::string magic(kShareSpoolMagic.size(), '\0');
    if (!in.read(magic.data(), static_cast<std::streamsize>(magic.size())) ||
        magic != kShareSpoolMagic) {
        return 0;
    }
    bus::EventBatch batch;
    size_t total = 0;
    std::string payload;
    for (;;) {
        uint8_t head[8];
        if (!in.read(reinterpret_cast<char*>(head), sizeof head)) break;
        uint32_t size = load_le<uint32_t>(head);
        uint32_t crc = load_le<uint32_t>(head + 4);
        if (size == 0 || size > kMaxPayload) break;
        payload.resize(size);
        if (!in.read(payload.data(), size)) break;
        bus::ShareEvent s;
        if (crc32(payload) != crc || !decode_share(payload, s)) break;
        batch.shares.push_back(std::move(s));
        if (batch.shares.size() == kSharesPerBatch) {
            append(batch);
            total += batch.shares.size();
            batch.shares.clear();
        }
    }
    if (!batch.empty()) append(batch);
    return total + batch.shares.size();
}

size_t import_blocks(const std::filesystem::path& file,
                     const std::function<void(const bus::EventBatch&)>& append) {
    std::ifstream in(file);
    std::string line;
    size_t n = 0;
    while (std::getline(in, line)) {
        bus::FoundBlock b;
        try {
            auto j = nlohmann::json::parse(line);
            b.found_ms = j.at("time_ms");
            b.height = j.at("height");
            b.hash = j.at("hash");
            b.finder_login = j.at("login");
            b.finder_worker = j.at("worker");
            b.reward = j.at("reward");
            b.network_difficulty = j.at("network_difficulty");
            b.share_difficulty = j.at("share_difficulty");
            b.accepted = j.at("accepted");
            b.node_answer = j.at("node_answer");
            b.coinbase_txid = j.at("coinbase_txid");
            b.node_id = j.at("node_id");
        } catch (const std::exception&) {
            continue;  // a line cut short by a crash: that block was never acknowledged
        }
        bus::EventBatch batch;
        batch.blocks.push_back(std::move(b));
        append(batch);
        ++n;
    }
    return n;
}

}  // namespace

void set_aside_legacy_share_spool(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string magic(kShareSpoolMagic.size(), '\0');
    if (!in.read(magic.data(), static_cast<std::streamsize>(magic.size()))) return;
    if (magic != kShareSpoolMagic) return;
    in.close();
    auto aside = with_suffix(path, ".v1");
    if (std::filesystem::exists(aside)) {
        // A crash after the rename and before the import finished left one already: the one at
        // `path` is newer than any log made there since, so it cannot be.
        throw std::runtime_error("both " + path.string() + " and " + aside.string() +
                                 " hold an earlier version's share spool; move one away");
    }
    std::filesystem::rename(path, aside);
}

void import_legacy_spools(const std::filesystem::path& path,
                          const std::function<void(const bus::EventBatch&)>& append) {
    auto shares = with_suffix(path, ".v1");
    if (std::filesystem::exists(shares)) {
        size_t n = import_shares(shares, append);
        spdlog::info("ledger spool: took over {} shares from {} (an earlier version's spool)", n,
                     shares.string());
        std::filesystem::remove(shares);
    }
    auto blocks = with_suffix(path, ".blocks");
    if (std::filesystem::exists(blocks)) {
        size_t n = import_blocks(blocks, append);
        spdlog::info("ledger spool: took over {} found blocks from {}", n, blocks.string());
        std::filesystem::remove(blocks);
    }
}

}  // namespace viddhana::ledger
