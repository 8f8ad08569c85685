#include "analytics/difficulty_history.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace viddhana::analytics {

const char* to_string(HistorySpacing s) {
    switch (s) {
        case HistorySpacing::retarget_epochs:
            return "retarget-epochs";
        case HistorySpacing::per_row:
            return "per-row";
    }
    return "?";
}

DifficultyHistory DifficultyHistory::prefix(size_t n) const {
    return slice(0, n);
}

DifficultyHistory DifficultyHistory::slice(size_t begin, size_t end) const {
    DifficultyHistory out;
    end = std::min(end, points.size());
    begin = std::min(begin, end);
    out.points.assign(points.begin() + static_cast<std::ptrdiff_t>(begin),
                      points.begin() + static_cast<std::ptrdiff_t>(end));
    out.spacing = spacing;
    out.row_spacing_blocks = row_spacing_blocks;
    out.source = source;
    return out;
}

namespace {

std::vector<std::string_view> split_fields(std::string_view line) {
    std::vector<std::string_view> out;
    size_t pos = 0;
    while (true) {
        size_t comma = line.find(',', pos);
        std::string_view field =
            line.substr(pos, comma == std::string_view::npos ? line.npos : comma - pos);
        while (!field.empty() && (field.front() == ' ' || field.front() == '\t'))
            field.remove_prefix(1);
        while (!field.empty() &&
               (field.back() == ' ' || field.back() == '\t' || field.back() == '\r'))
            field.remove_suffix(1);
        out.push_back(field);
        if (comma == std::string_view::npos) break;
        pos = comma + 1;
    }
    return out;
}

bool parse_int(std::string_view s, int64_t& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

bool parse_double(std::string_view s, double& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size() && std::isfinite(out);
}

bool parse_bits(std::string_view s, uint32_t& out) {
    if (s.size() != 8) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out, 16);
    return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

HistorySpacing classify_spacing(const std::vector<DifficultyPoint>& points,
                                int64_t* row_spacing_blocks) {
    int64_t step = 0;
    bool even = points.size() >= 2;
    for (size_t i = 1; i < points.size(); ++i) {
        int64_t d = points[i].height - points[i - 1].height;
        if (i == 1)
            step = d;
        else if (d != step)
            even = false;
    }
    if (row_spacing_blocks) *row_spacing_blocks = even ? step : 0;
    bool aligned = even && step == kRetargetInterval;
    for (const auto& p : points)
        if (p.height % kRetargetInterval != 0) aligned = false;
    return aligned ? HistorySpacing::retarget_epochs : HistorySpacing::per_row;
}

Expected<DifficultyHistory> parse_difficulty_csv(std::string_view text, std::string source) {
    DifficultyHistory history;
    history.source = std::move(source);
    int col_height = -1, col_time = -1, col_bits = -1, col_difficulty = -1;
    size_t pos = 0;
    int64_t line_no = 0;
    bool have_header = false;
    while (pos < text.size()) {
        size_t nl = text.find('\n', pos);
        std::string_view line = text.substr(pos, nl == text.npos ? text.npos : nl - pos);
        pos = nl == text.npos ? text.size() : nl + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line.front() == '#') continue;
        auto fields = split_fields(line);
        if (!have_header) {
            for (size_t i = 0; i < fields.size(); ++i) {
                if (fields[i] == "height")
                    col_height = static_cast<int>(i);
                else if (fields[i] == "time_unix")
                    col_time = static_cast<int>(i);
                else if (fields[i] == "bits_hex")
                    col_bits = static_cast<int>(i);
                else if (fields[i] == "difficulty")
                    col_difficulty = static_cast<int>(i);
            }
            if (col_height < 0 || col_time < 0 || col_difficulty < 0)
                return make_error(fmt::format(
                    "{}: line {}: the header must name the columns height, time_unix and "
                    "difficulty (got \"{}\")",
                    history.source, line_no, line));
            have_header = true;
            continue;
        }
        int needed = std::max({col_height, col_time, col_bits, col_difficulty});
        if (static_cast<int>(fields.size()) <= needed)
            return make_error(fmt::format("{}: line {}: expected at least {} fields, got {}",
                                          history.source, line_no, needed + 1, fields.size()));
        DifficultyPoint p;
        if (!parse_int(fields[col_height], p.height) || p.height < 0)
            return make_error(
                fmt::format("{}: line {}: height \"{}\" is not a non-negative integer",
                            history.source, line_no, fields[col_height]));
        if (!parse_int(fields[col_time], p.time_unix) || p.time_unix <= 0)
            return make_error(fmt::format("{}: line {}: time_unix \"{}\" is not a positive integer",
                                          history.source, line_no, fields[col_time]));
        if (!parse_double(fields[col_difficulty], p.difficulty) || p.difficulty <= 0)
            return make_error(fmt::format("{}: line {}: difficulty \"{}\" is not a positive number",
                                          history.source, line_no, fields[col_difficulty]));
        if (col_bits >= 0 && !parse_bits(fields[col_bits], p.bits))
            return make_error(fmt::format("{}: line {}: bits_hex \"{}\" is not 8 hex digits",
                                          history.source, line_no, fields[col_bits]));
        if (!history.points.empty()) {
            const auto& prev = history.points.back();
            if (p.height <= prev.height)
                return make_error(
                    fmt::format("{}: line {}: height {} does not increase (previous row: {})",
                                history.source, line_no, p.height, prev.height));
        }
        history.points.push_back(p);
    }
    if (!have_header) return make_error(fmt::format("{}: no header line", history.source));
    if (history.points.size() < 3)
        return make_error(fmt::format("{}: {} data rows; at least 3 are needed", history.source,
                                      history.points.size()));
    history.spacing = classify_spacing(history.points, &history.row_spacing_blocks);
    // Epoch starts are weeks apart, so their times must increase; single blocks' timestamps may
    // go backwards (the median-time-past rule allows it), so per-row files are not held to it.
    if (history.spacing == HistorySpacing::retarget_epochs) {
        for (size_t i = 1; i < history.points.size(); ++i)
            if (history.points[i].time_unix <= history.points[i - 1].time_unix)
                return make_error(fmt::format(
                    "{}: row {} (height {}): time_unix {} does not increase (previous row: {})",
                    history.source, i + 1, history.points[i].height, history.points[i].time_unix,
                    history.points[i - 1].time_unix));
    }
    return history;
}

Expected<DifficultyHistory> load_difficulty_csv(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(fmt::format("cannot open difficulty history file {}", path));
    std::stringstream buffer;
    buffer << in.rdbuf();
    return parse_difficulty_csv(buffer.str(), path);
}

}  // namespace viddhana::analytics
