#include "auth/totp.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

#include "auth/base32.h"

namespace viddhana::auth {
namespace {

const EVP_MD* digest_of(OtpAlgorithm algorithm) {
    switch (algorithm) {
        case OtpAlgorithm::sha256:
            return EVP_sha256();
        case OtpAlgorithm::sha512:
            return EVP_sha512();
        case OtpAlgorithm::sha1:
            break;
    }
    return EVP_sha1();
}

const char* name_of(OtpAlgorithm algorithm) {
    switch (algorithm) {
        case OtpAlgorithm::sha256:
            return "SHA256";
        case OtpAlgorithm::sha512:
            return "SHA512";
        case OtpAlgorithm::sha1:
            break;
    }
    return "SHA1";
}

std::string percent_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                          (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

}  // namespace

std::string hotp_code(std::span<const uint8_t> key, uint64_t counter, OtpAlgorithm algorithm,
                      int digits) {
    std::array<uint8_t, 8> message{};
    for (int i = 7; i >= 0; --i) {
        message[i] = static_cast<uint8_t>(counter & 0xff);
        counter >>= 8;
    }
    std::array<uint8_t, EVP_MAX_MD_SIZE> mac{};
    unsigned int mac_len = 0;
    static const uint8_t kEmpty = 0;
    HMAC(digest_of(algorithm), key.empty() ? &kEmpty : key.data(), static_cast<int>(key.size()),
         message.data(), message.size(), mac.data(), &mac_len);
    size_t offset = mac[mac_len - 1] & 0x0f;
    uint32_t binary = (uint32_t(mac[offset] & 0x7f) << 24) | (uint32_t(mac[offset + 1]) << 16) |
                      (uint32_t(mac[offset + 2]) << 8) | uint32_t(mac[offset + 3]);
    uint32_t modulus = 1;
    for (int i = 0; i < digits; ++i)
        modulus *= 10;
    std::string code = std::to_string(binary % modulus);
    return std::string(static_cast<size_t>(digits) - code.size(), '0') + code;
}

int64_t totp_step(int64_t unix_s, const TotpParams& params) {
    return floor_div(unix_s, params.step_s);
}

std::string totp_code(std::span<const uint8_t> key, int64_t unix_s, const TotpParams& params) {
    return hotp_code(key, static_cast<uint64_t>(totp_step(unix_s, params)), params.algorithm,
                     params.digits);
}

Expected<int64_t> verify_totp(std::span<const uint8_t> key, std::string_view code, int64_t now_s,
                              std::optional<int64_t> last_used_step, const TotpParams& params) {
    if (code.size() != static_cast<size_t>(params.digits)) {
        return make_error("code must be " + std::to_string(params.digits) + " digits, got " +
                          std::to_string(code.size()) + " characters");
    }
    for (char c : code) {
        if (c < '0' || c > '9') return make_error("code must contain digits only");
    }
    int64_t current = totp_step(now_s, params);
    std::optional<int64_t> fresh;
    std::optional<int64_t> replayed;
    // Every step of the window is computed and compared, so timing does not say which matched.
    for (int64_t step = current - kTotpWindowSteps; step <= current + kTotpWindowSteps; ++step) {
        if (step < 0) continue;
        std::string expected =
            hotp_code(key, static_cast<uint64_t>(step), params.algorithm, params.digits);
        bool match = CRYPTO_memcmp(expected.data(), code.data(), code.size()) == 0;
        if (!match) continue;
        if (last_used_step && step <= *last_used_step) {
            replayed = step;
        } else {
            fresh = step;
        }
    }
    if (fresh) return *fresh;
    if (replayed) return make_error("code was already used; wait for the next one");
    return make_error("code is not valid");
}

Bytes new_totp_secret(RandomSource& random) {
    Bytes secret(20);
    random.fill(secret);
    return secret;
}

std::string totp_uri(std::string_view account, std::span<const uint8_t> secret,
                     const TotpParams& params, std::string_view issuer) {
    std::string uri = "otpauth://totp/" + percent_encode(issuer) + ":" + percent_encode(account);
    uri += "?secret=" + base32_encode(secret, false);
    uri += "&issuer=" + percent_encode(issuer);
    uri += "&algorithm=";
    uri += name_of(params.algorithm);
    uri += "&digits=" + std::to_string(params.digits);
    uri += "&period=" + std::to_string(params.step_s);
    return uri;
}

}  // namespace viddhana::auth
