#include "bus/redis_spool.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <system_error>

#include "base/byte_writer.h"
#include "base/crc32.h"
#include "base/little_endian.h"

namespace viddhana::bus {
namespace {

constexpr std::string_view kMagic = "VDEVSPL1";
constexpr size_t kHeaderSize = 1 + 4 + 4;
constexpr uint8_t kEntryRecord = 1;
constexpr uint8_t kMarkRecord = 2;
constexpr uint32_t kMaxRecordLength = 1u << 30;

[[noreturn]] void throw_errno(const std::string& what, const std::filesystem::path& path) {
    throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

const uint8_t* bytes_of(const char* p) {
    return reinterpret_cast<const uint8_t*>(p);
}

// CRC-32 of the type byte, the length's four bytes and the payload.
uint32_t record_crc(const char* type_and_length, std::string_view payload) {
    return crc32(payload, crc32(std::string_view(type_and_length, 5)));
}

void append_record(std::string& out, uint8_t type, std::string_view payload) {
    const size_t start = out.size();
    ByteWriter(out).u8(type).u32le(static_cast<uint32_t>(payload.size()));
    const uint32_t crc = record_crc(out.data() + start, payload);
    ByteWriter(out).u32le(crc).bytes(payload);
}

// Reads exactly size bytes at offset; false at end of file.
bool read_at(int fd, char* buf, size_t size, uint64_t offset, const std::filesystem::path& path) {
    size_t done = 0;
    while (done < size) {
        ssize_t n = ::pread(fd, buf + done, size - done, static_cast<off_t>(offset + done));
        if (n < 0) {
            if (errno == EINTR) continue;
            throw_errno("cannot read event spool", path);
        }
        if (n == 0) return false;
        done += static_cast<size_t>(n);
    }
    return true;
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

PublishSpool::PublishSpool(std::filesystem::path path) : path_(std::move(path)) {
    bool existed = std::filesystem::exists(path_);
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) throw_errno("cannot open event spool", path_);
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        int err = errno;
        ::close(fd_);
        fd_ = -1;
        if (err == EWOULDBLOCK) {
            throw std::runtime_error("event spool " + path_.string() +
                                     " is in use by another publisher");
        }
        errno = err;
        throw_errno("cannot lock event spool", path_);
    }
    try {
        scan();
    } catch (...) {
        ::close(fd_);
        fd_ = -1;
        throw;
    }
    if (!existed) sync_directory(path_);
}

PublishSpool::~PublishSpool() {
    if (fd_ >= 0) ::close(fd_);
}

void PublishSpool::scan() {
    struct stat st {};
    if (::fstat(fd_, &st) != 0) throw_errno("cannot stat event spool", path_);
    uint64_t size = static_cast<uint64_t>(st.st_size);

    char magic[kMagic.size()];
    size_t magic_read = std::min<uint64_t>(size, kMagic.size());
    if (magic_read > 0) read_at(fd_, magic, magic_read, 0, path_);
    if (std::string_view(magic, magic_read) != kMagic.substr(0, magic_read)) {
        throw std::runtime_error("not an event spool file: " + path_.string());
    }
    if (size < kMagic.size()) {
        // A creation torn by a crash (or a new file): start it afresh.
        truncated_bytes_ = size;
        if (::ftruncate(fd_, 0) != 0) throw_errno("cannot truncate event spool", path_);
        if (::pwrite(fd_, kMagic.data(), kMagic.size(), 0) != static_cast<ssize_t>(kMagic.size()))
            throw_errno("cannot write event spool", path_);
        if (::fsync(fd_) != 0) throw_errno("cannot fsync event spool", path_);
        end_ = kMagic.size();
        return;
    }

    std::vector<Slot> entries;
    uint64_t first_undelivered = kMagic.size();
    uint64_t pos = kMagic.size();
    std::string payload;
    while (pos < size) {
        char header[kHeaderSize];
        if (size - pos < kHeaderSize) break;
        read_at(fd_, header, kHeaderSize, pos, path_);
        uint8_t type = static_cast<uint8_t>(header[0]);
        uint32_t length = load_le<uint32_t>(bytes_of(header + 1));
        if ((type != kEntryRecord && type != kMarkRecord) || length > kMaxRecordLength ||
            length > size - pos - kHeaderSize) {
            break;
        }
        payload.resize(length);
        if (!read_at(fd_, payload.data(), length, pos + kHeaderSize, path_)) break;
        if (record_crc(header, payload) != load_le<uint32_t>(bytes_of(header + 5))) break;
        if (type == kEntryRecord) {
            entries.push_back(Slot{pos, length});
        } else {
            if (length != 8) break;
            uint64_t mark = load_le<uint64_t>(bytes_of(payload.data()));
            // A mark names an earlier entry at or past the previous mark; anything else is
            // damage, and the file is cut there.
            auto it = std::lower_bound(entries.begin(), entries.end(), mark,
                                       [](const Slot& s, uint64_t v) { return s.offset < v; });
            bool known = it != entries.end() && it->offset == mark;
            if (!known || mark < first_undelivered) break;
            first_undelivered = mark;
        }
        pos += kHeaderSize + length;
    }
    if (pos < size) {
        truncated_bytes_ = size - pos;
        if (::ftruncate(fd_, static_cast<off_t>(pos)) != 0) {
            throw_errno("cannot truncate event spool", path_);
        }
        if (::fsync(fd_) != 0) throw_errno("cannot fsync event spool", path_);
    }
    end_ = pos;
    for (const auto& slot : entries) {
        if (slot.offset >= first_undelivered) undelivered_.push_back(slot);
    }
    if (undelivered_.empty() && end_ > kMagic.size()) cut_to(kMagic.size());
}

void PublishSpool::write_records(const std::string& bytes) {
    size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::pwrite(fd_, bytes.data() + done, bytes.size() - done,
                             static_cast<off_t>(end_ + done));
        if (n < 0) {
            if (errno == EINTR) continue;
            int err = errno;
            [[maybe_unused]] int ignored = ::ftruncate(fd_, static_cast<off_t>(end_));
            errno = err;
            throw_errno("cannot write event spool", path_);
        }
        done += static_cast<size_t>(n);
    }
    if (::fdatasync(fd_) != 0) {
        int err = errno;
        [[maybe_unused]] int ignored = ::ftruncate(fd_, static_cast<off_t>(end_));
        errno = err;
        throw_errno("cannot fsync event spool", path_);
    }
}

void PublishSpool::append(std::span<const std::string_view> entries) {
    if (entries.empty()) return;
    std::string bytes;
    size_t total = 0;
    for (const auto& e : entries)
        total += kHeaderSize + e.size();
    bytes.reserve(total);
    std::vector<Slot> slots;
    slots.reserve(entries.size());
    for (const auto& e : entries) {
        if (e.size() > kMaxRecordLength) {
            throw std::length_error("event spool entry of " + std::to_string(e.size()) +
                                    " bytes exceeds the record limit");
        }
        slots.push_back(Slot{end_ + bytes.size(), static_cast<uint32_t>(e.size())});
        append_record(bytes, kEntryRecord, e);
    }
    write_records(bytes);
    end_ += bytes.size();
    undelivered_.insert(undelivered_.end(), slots.begin(), slots.end());
}

std::vector<std::string> PublishSpool::peek(size_t max_entries, size_t max_bytes) const {
    std::vector<std::string> out;
    if (undelivered_.empty()) return out;
    size_t n = 0;
    size_t bytes = 0;
    while (n < undelivered_.size() && n < max_entries) {
        size_t next = undelivered_[n].length;
        if (n > 0 && bytes + next > max_bytes) break;
        bytes += next;
        ++n;
    }
    if (n == 0) n = 1;
    // The entries lie in one stretch of the file (with marks between them): one read.
    uint64_t from = undelivered_[0].offset;
    uint64_t to = undelivered_[n - 1].offset + kHeaderSize + undelivered_[n - 1].length;
    std::string buffer(to - from, '\0');
    if (!read_at(fd_, buffer.data(), buffer.size(), from, path_)) {
        throw std::runtime_error("event spool " + path_.string() + " is shorter than its index");
    }
    out.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        const Slot& s = undelivered_[i];
        out.emplace_back(buffer, s.offset - from + kHeaderSize, s.length);
    }
    return out;
}

void PublishSpool::mark_delivered(size_t n) {
    n = std::min(n, undelivered_.size());
    if (n == 0) return;
    undelivered_.erase(undelivered_.begin(), undelivered_.begin() + static_cast<ptrdiff_t>(n));
    if (undelivered_.empty()) {
        cut_to(kMagic.size());
        return;
    }
    std::string mark;
    ByteWriter(mark).u64le(undelivered_.front().offset);
    std::string bytes;
    append_record(bytes, kMarkRecord, mark);
    write_records(bytes);
    end_ += bytes.size();
}

void PublishSpool::cut_to(uint64_t size) {
    if (::ftruncate(fd_, static_cast<off_t>(size)) != 0) {
        throw_errno("cannot truncate event spool", path_);
    }
    if (::fsync(fd_) != 0) throw_errno("cannot fsync event spool", path_);
    end_ = size;
}

}  // namespace viddhana::bus
