// One-time passwords for two-factor sign-in: HOTP (RFC 4226) and TOTP (RFC 6238) with the
// otpauth:// URI authenticator apps read from a QR code. Time is an argument.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "auth/random_source.h"
#include "base/expected.h"
#include "base/hex.h"

namespace viddhana::auth {

enum class OtpAlgorithm { sha1, sha256, sha512 };

struct TotpParams {
    OtpAlgorithm algorithm = OtpAlgorithm::sha1;  // what every authenticator app supports
    int digits = 6;                               // 6 or 8
    int64_t step_s = 30;
};

inline constexpr std::string_view kTotpIssuer = "Viddhana Pool";
// Steps either side of the current one that still verify (clock drift, typing time).
inline constexpr int64_t kTotpWindowSteps = 1;

// The zero-padded code for `counter` (RFC 4226 dynamic truncation).
std::string hotp_code(std::span<const uint8_t> key, uint64_t counter, OtpAlgorithm algorithm,
                      int digits);

// floor(unix_s / step_s).
int64_t totp_step(int64_t unix_s, const TotpParams& params = {});
std::string totp_code(std::span<const uint8_t> key, int64_t unix_s, const TotpParams& params = {});

// Checks `code` against the steps current-1 .. current+1 and returns the matched step. The
// caller stores it as the last used step and passes it back next time: a code whose step is not
// after last_used_step is refused as a replay (this also refuses an older code of the window
// once a newer one was used).
Expected<int64_t> verify_totp(std::span<const uint8_t> key, std::string_view code, int64_t now_s,
                              std::optional<int64_t> last_used_step, const TotpParams& params = {});

// 20 random bytes (160 bits, RFC 4226's recommended length for SHA-1).
Bytes new_totp_secret(RandomSource& random);

// otpauth://totp/Viddhana%20Pool:<account>?secret=<BASE32>&issuer=Viddhana%20Pool&algorithm=SHA1
// &digits=6&period=30
std::string totp_uri(std::string_view account, std::span<const uint8_t> secret,
                     const TotpParams& params = {}, std::string_view issuer = kTotpIssuer);

}  // namespace viddhana::auth
