#include "ledger/block_spool.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include <nlohmann/json.hpp>

namespace viddhana::ledger {

namespace {

// The keys are the file's format, older than the record's field names: a spool written by an
// earlier version replays after an upgrade.
nlohmann::json to_json(const bus::FoundBlock& b) {
    return {{"time_ms", b.found_ms},
            {"height", b.height},
            {"hash", b.hash},
            {"login", b.finder_login},
            {"worker", b.finder_worker},
            {"reward", b.reward},
            {"network_difficulty", b.network_difficulty},
            {"share_difficulty", b.share_difficulty},
            {"accepted", b.accepted},
            {"node_answer", b.node_answer},
            {"coinbase_txid", b.coinbase_txid},
            {"node_id", b.node_id}};
}

bus::FoundBlock from_json(const nlohmann::json& j) {
    bus::FoundBlock b;
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
    return b;
}

}  // namespace

BlockSpool::BlockSpool(std::filesystem::path path) : path_(std::move(path)) {
    if (path_.has_parent_path()) std::filesystem::create_directories(path_.parent_path());
}

void BlockSpool::append(const bus::FoundBlock& block) {
    std::string line = to_json(block).dump() + "\n";
    int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "open " + path_.string());
    ssize_t n = ::write(fd, line.data(), line.size());
    int err = errno;
    bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (n != static_cast<ssize_t>(line.size()) || !synced) {
        throw std::system_error(err, std::generic_category(), "write " + path_.string());
    }
}

std::vector<bus::FoundBlock> BlockSpool::read_all() const {
    std::vector<bus::FoundBlock> out;
    std::ifstream in(path_);
    std::string line;
    while (std::getline(in, line)) {
        try {
            out.push_back(from_json(nlohmann::json::parse(line)));
        } catch (const std::exception&) {
            // A line cut short by a crash: the block was not acknowledged, so it comes again.
        }
    }
    return out;
}

void BlockSpool::clear() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
}

bool BlockSpool::empty() const {
    std::error_code ec;
    return !std::filesystem::exists(path_, ec) || std::filesystem::file_size(path_, ec) == 0;
}

}  // namespace viddhana::ledger
