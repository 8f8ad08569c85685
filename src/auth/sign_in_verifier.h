// Decides whether a signed Sign-In with Ethereum message signs a wallet in. Pure: the caller
// looks up the nonce record the message names (parse_siwe_message gives the nonce), passes the
// time, and afterwards consumes the nonce atomically in the store, which is what makes it
// single-use when two requests race (this check alone cannot).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "auth/siwe_message.h"
#include "base/expected.h"

namespace viddhana::auth {

// How far a message's issued-at / not-before may lie ahead of our clock.
inline constexpr int64_t kSignInClockSkewSeconds = 60;

// The server's record of a nonce it handed out.
struct NonceRecord {
    std::string nonce;
    std::optional<EthAddress> address;  // the address it was issued to, when bound to one
    int64_t issued_s = 0;
    int64_t expires_s = 0;
    bool used = false;
};

struct SignInRequest {
    std::string_view message;         // the EIP-4361 text exactly as signed
    std::string_view signature;       // 0x + 130 hex digits
    std::string_view wallet_address;  // what the client says it signs in as
};

// Checks, each with its own refusal: the message parses; the wallet address matches the
// message's; domain, URI and chain id are the site's; the signature recovers to the message's
// address; the nonce is known, unused, unexpired and issued to that address; the message has
// not expired, is not before its not-before and was not issued in the future beyond the skew.
// Returns the parsed message.
Expected<SiweMessage> verify_sign_in(const SignInRequest& request, const SignInSite& site,
                                     const std::optional<NonceRecord>& nonce, int64_t now_s);

}  // namespace viddhana::auth
