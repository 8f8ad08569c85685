#include "auth/siwe_message.h"

#include "auth/rfc3339_time.h"

namespace viddhana::auth {
namespace {

constexpr std::string_view kHeaderTail = " wants you to sign in with your Ethereum account:";
constexpr std::string_view kAlphanumeric =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    size_t start = 0;
    while (true) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            lines.push_back(text.substr(start));
            return lines;
        }
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
}

bool has_space_or_control(std::string_view s) {
    for (unsigned char c : s) {
        if (c <= 0x20 || c == 0x7f) return true;
    }
    return false;
}

bool is_alphanumeric(std::string_view s) {
    return s.find_first_not_of(kAlphanumeric) == std::string_view::npos;
}

// Reads "<key>: <value>" from lines[i] when the line starts with key; advances i.
class LineReader {
  public:
    explicit LineReader(std::vector<std::string_view> lines) : lines_(std::move(lines)) {}
    bool at_end() const { return i_ >= lines_.size(); }
    size_t line_number() const { return i_ + 1; }
    std::optional<std::string_view> field(std::string_view key) {
        if (at_end()) return std::nullopt;
        std::string_view line = lines_[i_];
        if (line.size() < key.size() + 2 || line.substr(0, key.size()) != key ||
            line.substr(key.size(), 2) != ": ") {
            return std::nullopt;
        }
        ++i_;
        return line.substr(key.size() + 2);
    }
    std::optional<std::string_view> next() {
        if (at_end()) return std::nullopt;
        return lines_[i_++];
    }
    std::string_view peek() const { return at_end() ? std::string_view() : lines_[i_]; }

  private:
    std::vector<std::string_view> lines_;
    size_t i_ = 0;
};

Error line_error(size_t line, const std::string& what) {
    return make_error("sign-in message line " + std::to_string(line) + ": " + what);
}

Expected<int64_t> time_field(LineReader& r, std::string_view key) {
    size_t line = r.line_number();
    auto value = r.field(key);
    if (!value) return line_error(line, "expected '" + std::string(key) + ": '");
    auto t = parse_rfc3339(*value);
    if (!t) return line_error(line, t.error().message);
    return *t;
}

}  // namespace

SiweMessage sign_in_message(const SignInSite& site, const EthAddress& address, std::string nonce,
                            int64_t now_s, int64_t lifetime_s) {
    SiweMessage m;
    m.domain = site.domain;
    m.address = address;
    if (!site.statement.empty()) m.statement = site.statement;
    m.uri = site.uri;
    m.chain_id = site.chain_id;
    m.nonce = std::move(nonce);
    m.issued_at = now_s;
    m.expiration_time = now_s + lifetime_s;
    return m;
}

std::string new_siwe_nonce(RandomSource& random) {
    std::string nonce;
    while (nonce.size() < 22) {
        std::array<uint8_t, 32> bytes{};
        random.fill(bytes);
        for (uint8_t b : bytes) {
            // 248 = 4 * 62: rejecting the rest keeps every character equally likely.
            if (b < 248 && nonce.size() < 22) nonce += kAlphanumeric[b % 62];
        }
    }
    return nonce;
}

std::string format_siwe_message(const SiweMessage& m) {
    std::string out;
    if (m.scheme) out += *m.scheme + "://";
    out += m.domain;
    out += kHeaderTail;
    out += "\n" + m.address.checksummed() + "\n\n";
    if (m.statement) out += *m.statement + "\n";
    out += "\nURI: " + m.uri;
    out += "\nVersion: " + m.version;
    out += "\nChain ID: " + std::to_string(m.chain_id);
    out += "\nNonce: " + m.nonce;
    out += "\nIssued At: " + format_rfc3339(m.issued_at);
    if (m.expiration_time) out += "\nExpiration Time: " + format_rfc3339(*m.expiration_time);
    if (m.not_before) out += "\nNot Before: " + format_rfc3339(*m.not_before);
    if (m.request_id) out += "\nRequest ID: " + *m.request_id;
    if (!m.resources.empty()) {
        out += "\nResources:";
        for (const auto& r : m.resources)
            out += "\n- " + r;
    }
    return out;
}

Expected<SiweMessage> parse_siwe_message(std::string_view text) {
    if (text.find('\r') != std::string_view::npos) {
        return make_error("sign-in message contains a carriage return (lines end with \\n)");
    }
    LineReader r(split_lines(text));
    SiweMessage m;

    std::string_view header = *r.next();
    if (header.size() <= kHeaderTail.size() ||
        header.substr(header.size() - kHeaderTail.size()) != kHeaderTail) {
        return line_error(1,
                          "expected '<domain> wants you to sign in with your Ethereum account:'");
    }
    std::string_view domain = header.substr(0, header.size() - kHeaderTail.size());
    if (size_t p = domain.find("://"); p != std::string_view::npos) {
        std::string_view scheme = domain.substr(0, p);
        if (scheme.empty() || has_space_or_control(scheme)) {
            return line_error(1, "invalid scheme");
        }
        m.scheme = std::string(scheme);
        domain = domain.substr(p + 3);
    }
    if (domain.empty() || has_space_or_control(domain) ||
        domain.find('/') != std::string_view::npos) {
        return line_error(1, "invalid domain '" + std::string(domain) + "'");
    }
    m.domain = std::string(domain);

    auto address_line = r.next();
    if (!address_line) return line_error(2, "missing address");
    auto address = EthAddress::parse(*address_line);
    if (!address) return line_error(2, address.error().message);
    if (address->checksummed() != *address_line) {
        return line_error(
            2, "address is not in EIP-55 checksum form (" + address->checksummed() + ")");
    }
    m.address = *address;

    auto blank = r.next();
    if (!blank || !blank->empty()) return line_error(3, "expected an empty line");
    size_t line = r.line_number();
    auto after = r.next();
    if (!after) return line_error(line, "message ends before the URI");
    if (!after->empty()) {
        m.statement = std::string(*after);
        line = r.line_number();
        auto blank2 = r.next();
        if (!blank2 || !blank2->empty()) {
            return line_error(line, "expected an empty line after the statement");
        }
    }

    line = r.line_number();
    auto uri = r.field("URI");
    if (!uri) return line_error(line, "expected 'URI: '");
    if (uri->empty() || has_space_or_control(*uri) || uri->find(':') == std::string_view::npos) {
        return line_error(line, "invalid URI '" + std::string(*uri) + "'");
    }
    m.uri = std::string(*uri);

    line = r.line_number();
    auto version = r.field("Version");
    if (!version) return line_error(line, "expected 'Version: '");
    if (*version != "1") {
        return line_error(line, "version '" + std::string(*version) + "' is not 1");
    }

    line = r.line_number();
    auto chain = r.field("Chain ID");
    if (!chain) return line_error(line, "expected 'Chain ID: '");
    if (chain->empty() || chain->size() > 15 ||
        chain->find_first_not_of("0123456789") != std::string_view::npos || (*chain)[0] == '0') {
        return line_error(line, "chain id '" + std::string(*chain) + "' is not a positive number");
    }
    m.chain_id = std::stoll(std::string(*chain));

    line = r.line_number();
    auto nonce = r.field("Nonce");
    if (!nonce) return line_error(line, "expected 'Nonce: '");
    if (nonce->size() < 8 || !is_alphanumeric(*nonce)) {
        return line_error(line, "nonce must be at least 8 letters and digits");
    }
    m.nonce = std::string(*nonce);

    auto issued = time_field(r, "Issued At");
    if (!issued) return issued.error();
    m.issued_at = *issued;

    if (r.peek().starts_with("Expiration Time: ")) {
        auto t = time_field(r, "Expiration Time");
        if (!t) return t.error();
        m.expiration_time = *t;
    }
    if (r.peek().starts_with("Not Before: ")) {
        auto t = time_field(r, "Not Before");
        if (!t) return t.error();
        m.not_before = *t;
    }
    if (r.peek().starts_with("Request ID: ")) {
        m.request_id = std::string(*r.field("Request ID"));
    }
    if (r.peek() == "Resources:") {
        r.next();
        while (!r.at_end() && r.peek().starts_with("- ")) {
            line = r.line_number();
            std::string_view res = r.next()->substr(2);
            if (res.empty() || has_space_or_control(res) ||
                res.find(':') == std::string_view::npos) {
                return line_error(line, "invalid resource URI '" + std::string(res) + "'");
            }
            m.resources.emplace_back(res);
        }
    }
    if (!r.at_end()) {
        return line_error(r.line_number(), "unexpected '" + std::string(r.peek()) + "'");
    }
    return m;
}

}  // namespace viddhana::auth
