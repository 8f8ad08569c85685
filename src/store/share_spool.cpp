#include "store/share_spool.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <system_error>

#include "store/spool_record.h"

namespace viddhana::store {
namespace {

[[noreturn]] void throw_errno(const std::string& what, const std::filesystem::path& path) {
    throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

void write_all(int fd, const uint8_t* data, size_t size, const std::filesystem::path& path) {
    while (size > 0) {
        ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw_errno("cannot write share spool", path);
        }
        data += n;
        size -= static_cast<size_t>(n);
    }
}

void sync_directory(const std::filesystem::path& file) {
    auto dir = file.parent_path();
    if (dir.empty()) dir = ".";
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

ShareSpool::ShareSpool(std::filesystem::path path) : path_(std::move(path)) {
    bool existed = std::filesystem::exists(path_);
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) throw_errno("cannot open share spool", path_);
    std::vector<uint8_t> bytes = read_file();
    const size_t magic = kSpoolMagic.size();
    bool has_magic =
        bytes.size() >= magic && std::equal(kSpoolMagic.begin(), kSpoolMagic.end(), bytes.begin());
    if (!has_magic) {
        // A file shorter than the magic is a creation torn by a crash; anything else is foreign.
        bool torn_prefix =
            bytes.size() < magic && std::equal(bytes.begin(), bytes.end(), kSpoolMagic.begin());
        if (!bytes.empty() && !torn_prefix) {
            ::close(fd_);
            throw std::runtime_error("not a share spool file: " + path_.string());
        }
        truncated_bytes_ = bytes.size();
        if (::ftruncate(fd_, 0) != 0) throw_errno("cannot truncate share spool", path_);
        write_all(fd_, reinterpret_cast<const uint8_t*>(kSpoolMagic.data()), magic, path_);
        if (::fsync(fd_) != 0) throw_errno("cannot fsync share spool", path_);
        if (!existed) sync_directory(path_);
    } else {
        SpoolScan scan = scan_records(std::span(bytes).subspan(magic));
        records_ = scan.records.size();
        if (scan.damaged_tail) {
            size_t keep = magic + scan.valid_bytes;
            truncated_bytes_ = bytes.size() - keep;
            if (::ftruncate(fd_, static_cast<off_t>(keep)) != 0) {
                throw_errno("cannot truncate share spool", path_);
            }
            if (::fsync(fd_) != 0) throw_errno("cannot fsync share spool", path_);
        }
    }
    if (::lseek(fd_, 0, SEEK_END) < 0) throw_errno("cannot seek share spool", path_);
}

ShareSpool::~ShareSpool() {
    if (fd_ >= 0) ::close(fd_);
}

std::vector<uint8_t> ShareSpool::read_file() const {
    std::vector<uint8_t> bytes;
    off_t size = ::lseek(fd_, 0, SEEK_END);
    if (size < 0) throw_errno("cannot seek share spool", path_);
    bytes.resize(static_cast<size_t>(size));
    size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n =
            ::pread(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
        if (n < 0) {
            if (errno == EINTR) continue;
            throw_errno("cannot read share spool", path_);
        }
        if (n == 0) break;
        done += static_cast<size_t>(n);
    }
    bytes.resize(done);
    return bytes;
}

void ShareSpool::append(std::span<const bus::ShareEvent> shares) {
    if (shares.empty()) return;
    std::vector<uint8_t> buffer;
    for (const auto& s : shares)
        append_record(buffer, encode_share(s));
    write_all(fd_, buffer.data(), buffer.size(), path_);
    if (::fdatasync(fd_) != 0) throw_errno("cannot fsync share spool", path_);
    records_ += shares.size();
}

std::vector<bus::ShareEvent> ShareSpool::read_all() const {
    std::vector<uint8_t> bytes = read_file();
    std::vector<bus::ShareEvent> out;
    if (bytes.size() < kSpoolMagic.size()) return out;
    auto body = std::span(bytes).subspan(kSpoolMagic.size());
    SpoolScan scan = scan_records(body);
    out.reserve(scan.records.size());
    for (const auto& r : scan.records) {
        out.push_back(*decode_share(body.subspan(r.offset, r.size)));
    }
    return out;
}

size_t ShareSpool::replay(const std::function<void(std::span<const bus::ShareEvent>)>& sink,
                          size_t batch_size) {
    if (batch_size == 0) batch_size = 1;
    std::vector<bus::ShareEvent> all = read_all();
    for (size_t at = 0; at < all.size(); at += batch_size) {
        size_t n = std::min(batch_size, all.size() - at);
        sink(std::span<const bus::ShareEvent>(all.data() + at, n));
    }
    clear();
    return all.size();
}

void ShareSpool::clear() {
    if (::ftruncate(fd_, static_cast<off_t>(kSpoolMagic.size())) != 0) {
        throw_errno("cannot truncate share spool", path_);
    }
    if (::fsync(fd_) != 0) throw_errno("cannot fsync share spool", path_);
    if (::lseek(fd_, 0, SEEK_END) < 0) throw_errno("cannot seek share spool", path_);
    records_ = 0;
}

}  // namespace viddhana::store
