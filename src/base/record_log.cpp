#include "base/record_log.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>
#include <system_error>

#include "base/byte_writer.h"
#include "base/crc32.h"
#include "base/little_endian.h"

namespace viddhana {
namespace {

constexpr uint8_t kEntry = 1;
constexpr uint8_t kMark = 2;
constexpr size_t kMaxTag = 256;
constexpr size_t kCopyChunk = 1u << 20;

[[noreturn]] void throw_errno(const std::string& what, const std::filesystem::path& path) {
    throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

const uint8_t* bytes_of(const char* p) {
    return reinterpret_cast<const uint8_t*>(p);
}

// Reads exactly size bytes at offset; false when the file ends first.
bool read_at(int fd, char* buf, size_t size, uint64_t offset, const std::filesystem::path& path) {
    size_t done = 0;
    while (done < size) {
        ssize_t n = ::pread(fd, buf + done, size - done, static_cast<off_t>(offset + done));
        if (n < 0) {
            if (errno == EINTR) continue;
            throw_errno("cannot read record log", path);
        }
        if (n == 0) return false;
        done += static_cast<size_t>(n);
    }
    return true;
}

void write_all_at(int fd, const char* data, size_t size, uint64_t offset,
                  const std::filesystem::path& path) {
    size_t done = 0;
    while (done < size) {
        ssize_t n = ::pwrite(fd, data + done, size - done, static_cast<off_t>(offset + done));
        if (n < 0) {
            if (errno == EINTR) continue;
            throw_errno("cannot write record log", path);
        }
        done += static_cast<size_t>(n);
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

std::string header_bytes(const std::string& tag) {
    std::string h;
    ByteWriter(h).bytes(RecordLog::kMagic).str32(tag);
    ByteWriter(h).u32le(crc32(h));
    return h;
}

// CRC-32 of the type byte, the length's four bytes and the payload.
uint32_t frame_crc(uint8_t type, uint32_t length, std::string_view payload) {
    char head[5];
    head[0] = static_cast<char>(type);
    store_le(reinterpret_cast<uint8_t*>(head + 1), length);
    return crc32(payload, crc32(std::string_view(head, 5)));
}

void append_frame(std::string& out, uint8_t type, std::string_view payload) {
    ByteWriter(out)
        .u8(type)
        .u32le(static_cast<uint32_t>(payload.size()))
        .u32le(frame_crc(type, static_cast<uint32_t>(payload.size()), payload))
        .bytes(payload);
}

int lock_or_close(int fd, const std::filesystem::path& path) {
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return fd;
    int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) {
        throw std::runtime_error("record log " + path.string() + " is in use by another process");
    }
    errno = err;
    throw_errno("cannot lock record log", path);
}

}  // namespace

RecordLog::RecordLog(std::filesystem::path path, RecordLogOptions options)
    : path_(std::move(path)), options_(std::move(options)) {
    if (options_.tag.empty() || options_.tag.size() > kMaxTag) {
        throw std::invalid_argument("record log tag must be 1.." + std::to_string(kMaxTag) +
                                    " bytes");
    }
    if (path_.has_parent_path()) std::filesystem::create_directories(path_.parent_path());
    bool existed = std::filesystem::exists(path_);
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) throw_errno("cannot open record log", path_);
    fd_ = lock_or_close(fd_, path_);
    try {
        scan();
    } catch (...) {
        ::close(fd_);
        fd_ = -1;
        throw;
    }
    if (!existed) sync_directory(path_);
}

RecordLog::~RecordLog() {
    if (fd_ >= 0) ::close(fd_);
}

void RecordLog::create_header() {
    std::string h = header_bytes(options_.tag);
    if (::ftruncate(fd_, 0) != 0) throw_errno("cannot truncate record log", path_);
    write_all_at(fd_, h.data(), h.size(), 0, path_);
    if (::fsync(fd_) != 0) throw_errno("cannot fsync record log", path_);
    header_size_ = end_ = mark_ = read_pos_ = h.size();
}

bool RecordLog::valid_frame(uint64_t pos, uint64_t size, Frame& frame, std::string& payload) const {
    if (size - pos < kRecordHeader) return false;
    char head[kRecordHeader];
    if (!read_at(fd_, head, kRecordHeader, pos, path_)) return false;
    frame.type = static_cast<uint8_t>(head[0]);
    frame.length = load_le<uint32_t>(bytes_of(head + 1));
    uint32_t crc = load_le<uint32_t>(bytes_of(head + 5));
    if (frame.type != kEntry && frame.type != kMark) return false;
    if (frame.length > kMaxRecord || frame.length > size - pos - kRecordHeader) return false;
    if (frame.type == kMark && frame.length != 8) return false;
    payload.resize(frame.length);
    if (!read_at(fd_, payload.data(), frame.length, pos + kRecordHeader, path_)) return false;
    return frame_crc(frame.type, frame.length, payload) == crc;
}

void RecordLog::scan() {
    struct stat st {};
    if (::fstat(fd_, &st) != 0) throw_errno("cannot stat record log", path_);
    const uint64_t size = static_cast<uint64_t>(st.st_size);
    const std::string expected = header_bytes(options_.tag);

    // The header: a prefix of the expected one is a creation torn by a crash (or a new file).
    std::string head(std::min<uint64_t>(size, expected.size()), '\0');
    if (!head.empty()) read_at(fd_, head.data(), head.size(), 0, path_);
    const size_t magic = std::min(head.size(), kMagic.size());
    if (head.compare(0, magic, kMagic.substr(0, magic)) != 0) {
        throw std::runtime_error("not a record log: " + path_.string());
    }
    if (head != expected.substr(0, head.size())) {
        // Same magic, another header: say what the file holds when it can be read.
        std::string tag = "a damaged header";
        if (head.size() >= kMagic.size() + 4) {
            uint32_t n = load_le<uint32_t>(bytes_of(head.data() + kMagic.size()));
            std::string other(std::min<uint32_t>(n, kMaxTag), '\0');
            if (n <= kMaxTag && read_at(fd_, other.data(), other.size(), kMagic.size() + 4, path_))
                tag = "\"" + other + "\"";
        }
        throw std::runtime_error("record log " + path_.string() + " holds " + tag + ", not \"" +
                                 options_.tag + "\"");
    }
    if (size < expected.size()) {
        truncated_bytes_ = size;
        create_header();
        return;
    }
    header_size_ = expected.size();

    // Pass 1: the valid records, the last mark, damaged records.
    std::vector<uint64_t> damaged;
    uint64_t pos = header_size_;
    uint64_t mark = header_size_;
    Frame frame;
    std::string payload;
    while (pos < size) {
        if (valid_frame(pos, size, frame, payload)) {
            uint64_t next = pos + kRecordHeader + frame.length;
            if (frame.type == kMark) {
                uint64_t at = load_le<uint64_t>(bytes_of(payload.data()));
                // A mark names an earlier record boundary at or past the previous mark.
                if (at < mark || at > pos) {
                    damaged.push_back(pos);
                    pos = next;
                    continue;
                }
                mark = at;
            }
            pos = next;
            continue;
        }
        // Damaged: skipped when a valid record follows where its length says it ends.
        char head_bytes[kRecordHeader];
        uint64_t skip_to = 0;
        if (size - pos >= kRecordHeader && read_at(fd_, head_bytes, kRecordHeader, pos, path_)) {
            uint64_t length = load_le<uint32_t>(bytes_of(head_bytes + 1));
            uint64_t next = pos + kRecordHeader + length;
            Frame after;
            std::string ignored;
            if (length <= kMaxRecord && next < size && valid_frame(next, size, after, ignored)) {
                skip_to = next;
            }
        }
        if (skip_to == 0) break;
        damaged.push_back(pos);
        pos = skip_to;
    }
    if (pos < size) {
        truncated_bytes_ = size - pos;
        if (::ftruncate(fd_, static_cast<off_t>(pos)) != 0) {
            throw_errno("cannot truncate record log", path_);
        }
        if (::fsync(fd_) != 0) throw_errno("cannot fsync record log", path_);
    }
    end_ = pos;
    mark_ = read_pos_ = mark;
    damaged_records_ = damaged.size();

    if (!damaged.empty()) {
        // Keep the damaged bytes for the operator, then write the log again without them.
        std::string bytes;
        for (uint64_t at : damaged) {
            char h[kRecordHeader];
            read_at(fd_, h, kRecordHeader, at, path_);
            uint64_t length = load_le<uint32_t>(bytes_of(h + 1));
            std::string b(kRecordHeader + length, '\0');
            if (read_at(fd_, b.data(), b.size(), at, path_)) bytes += b;
        }
        std::filesystem::path aside = path_;
        aside += ".damaged";
        int fd = ::open(aside.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        if (fd >= 0) {
            [[maybe_unused]] ssize_t n = ::write(fd, bytes.data(), bytes.size());
            ::fsync(fd);
            ::close(fd);
        }
        std::sort(damaged.begin(), damaged.end());
        compact_skipping(damaged);
    }

    // Pass 2: count what is left to deliver (the frames are known valid now).
    undelivered_ = 0;
    undelivered_bytes_ = 0;
    for (uint64_t at = mark_; at < end_;) {
        char h[kRecordHeader];
        read_at(fd_, h, kRecordHeader, at, path_);
        uint32_t length = load_le<uint32_t>(bytes_of(h + 1));
        if (static_cast<uint8_t>(h[0]) == kEntry) {
            ++undelivered_;
            undelivered_bytes_ += length;
        }
        at += kRecordHeader + length;
    }
    if (undelivered_ == 0 && end_ > header_size_) cut_to(header_size_);
}

void RecordLog::write_at_end(const std::string& bytes) {
    try {
        write_all_at(fd_, bytes.data(), bytes.size(), end_, path_);
        if (options_.sync && ::fdatasync(fd_) != 0) throw_errno("cannot fsync record log", path_);
    } catch (...) {
        [[maybe_unused]] int ignored = ::ftruncate(fd_, static_cast<off_t>(end_));
        throw;
    }
    end_ += bytes.size();
}

void RecordLog::append(std::span<const std::string_view> entries) {
    if (entries.empty()) return;
    std::string bytes;
    size_t total = 0;
    for (const auto& e : entries) {
        if (e.size() > kMaxRecord) {
            throw std::length_error("record log entry of " + std::to_string(e.size()) +
                                    " bytes exceeds the record limit");
        }
        total += kRecordHeader + e.size();
    }
    bytes.reserve(total);
    uint64_t payload = 0;
    for (const auto& e : entries) {
        append_frame(bytes, kEntry, e);
        payload += e.size();
    }
    write_at_end(bytes);
    undelivered_ += entries.size();
    undelivered_bytes_ += payload;
}

std::vector<std::string> RecordLog::read(size_t max_entries, size_t max_bytes) {
    std::vector<std::string> out;
    size_t bytes = 0;
    Frame frame;
    std::string payload;
    while (read_pos_ < end_ && out.size() < std::max<size_t>(1, max_entries)) {
        char h[kRecordHeader];
        if (!read_at(fd_, h, kRecordHeader, read_pos_, path_)) {
            throw std::runtime_error("record log " + path_.string() + " ends inside a record");
        }
        uint8_t type = static_cast<uint8_t>(h[0]);
        uint32_t length = load_le<uint32_t>(bytes_of(h + 1));
        if (type == kMark) {
            read_pos_ += kRecordHeader + length;
            continue;
        }
        if (!out.empty() && bytes + length > max_bytes) break;
        if (!valid_frame(read_pos_, end_, frame, payload)) {
            throw std::runtime_error("record log " + path_.string() +
                                     " has a damaged record at offset " +
                                     std::to_string(read_pos_));
        }
        read_pos_ += kRecordHeader + length;
        read_ends_.push_back(read_pos_);
        read_sizes_.push_back(length);
        bytes += length;
        out.push_back(std::move(payload));
        payload.clear();
    }
    return out;
}

void RecordLog::mark_delivered(size_t n) {
    n = std::min(n, read_ends_.size());
    if (n == 0) return;
    uint64_t at = read_ends_[n - 1];
    for (size_t i = 0; i < n; ++i) {
        undelivered_bytes_ -= read_sizes_.front();
        read_ends_.pop_front();
        read_sizes_.pop_front();
    }
    undelivered_ -= n;
    if (undelivered_ == 0) {
        cut_to(header_size_);
        return;
    }
    // Delivered whether or not the mark reaches the disk: were it to fail, a rewind must not
    // hand these entries out again as undelivered (a restart resends them: duplicates only).
    mark_ = at;
    std::string mark;
    ByteWriter(mark).u64le(at);
    std::string bytes;
    append_frame(bytes, kMark, mark);
    write_at_end(bytes);
    uint64_t delivered = mark_ - header_size_;
    if (delivered >= options_.compact_bytes && delivered >= end_ - mark_) compact();
}

void RecordLog::rewind() {
    read_pos_ = mark_;
    read_ends_.clear();
    read_sizes_.clear();
}

void RecordLog::cut_to(uint64_t size) {
    if (::ftruncate(fd_, static_cast<off_t>(size)) != 0) {
        throw_errno("cannot truncate record log", path_);
    }
    if (options_.sync && ::fsync(fd_) != 0) throw_errno("cannot fsync record log", path_);
    end_ = mark_ = read_pos_ = size;
    read_ends_.clear();
    read_sizes_.clear();
}

void RecordLog::compact() {
    compact_skipping({});
}

void RecordLog::compact_skipping(const std::vector<uint64_t>& skip) {
    std::filesystem::path tmp = path_;
    tmp += ".compact";
    int fd = ::open(tmp.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw_errno("cannot create", tmp);
    fd = lock_or_close(fd, tmp);
    // The boundaries the reader remembers (all at or after the mark, ascending) move with
    // their records.
    std::vector<uint64_t*> boundaries;
    for (auto& e : read_ends_)
        boundaries.push_back(&e);
    boundaries.push_back(&read_pos_);
    size_t next_boundary = 0;
    auto move_boundaries = [&](uint64_t old_pos, uint64_t new_pos) {
        while (next_boundary < boundaries.size() && *boundaries[next_boundary] <= old_pos) {
            *boundaries[next_boundary++] = new_pos;
        }
    };
    // Entries from the mark on, in order, copied in bounded pieces; marks and skipped records
    // are left out.
    std::string out = header_bytes(options_.tag);
    const uint64_t header = out.size();
    uint64_t written = 0;
    uint64_t new_pos = header;
    const std::vector<uint64_t> old_boundaries = [&] {
        std::vector<uint64_t> v;
        for (auto* b : boundaries)
            v.push_back(*b);
        return v;
    }();
    try {
        for (uint64_t at = mark_; at < end_;) {
            char h[kRecordHeader];
            read_at(fd_, h, kRecordHeader, at, path_);
            uint32_t length = load_le<uint32_t>(bytes_of(h + 1));
            uint64_t next = at + kRecordHeader + length;
            move_boundaries(at, new_pos);
            bool keep = static_cast<uint8_t>(h[0]) == kEntry &&
                        !std::binary_search(skip.begin(), skip.end(), at);
            if (keep) {
                out.append(h, kRecordHeader);
                for (uint64_t from = at + kRecordHeader; from < next;) {
                    size_t piece = static_cast<size_t>(std::min<uint64_t>(kCopyChunk, next - from));
                    size_t old = out.size();
                    out.resize(old + piece);
                    read_at(fd_, out.data() + old, piece, from, path_);
                    from += piece;
                    if (out.size() >= kCopyChunk) {
                        write_all_at(fd, out.data(), out.size(), written, tmp);
                        written += out.size();
                        out.clear();
                    }
                }
                new_pos += kRecordHeader + length;
            }
            at = next;
        }
        move_boundaries(end_, new_pos);
        write_all_at(fd, out.data(), out.size(), written, tmp);
        if (::fdatasync(fd) != 0) throw_errno("cannot fsync", tmp);
        if (::rename(tmp.c_str(), path_.c_str()) != 0) throw_errno("cannot rename", tmp);
    } catch (...) {
        for (size_t i = 0; i < boundaries.size(); ++i)
            *boundaries[i] = old_boundaries[i];
        ::close(fd);
        std::error_code ec;
        std::filesystem::remove(tmp, ec);
        throw;
    }
    sync_directory(path_);
    ::close(fd_);
    fd_ = fd;
    header_size_ = header;
    end_ = new_pos;
    mark_ = header;
    ++compactions_;
}

}  // namespace viddhana
