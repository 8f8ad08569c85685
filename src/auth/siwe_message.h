// Sign-In with Ethereum (EIP-4361) messages: the text the server asks a wallet to sign, built
// from fields, and a strict parser for the text a client sends back.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/eth_address.h"
#include "auth/random_source.h"
#include "base/expected.h"

namespace viddhana::auth {

struct SiweMessage {
    std::optional<std::string> scheme;  // "https" when the domain line carries one
    std::string domain;                 // host[:port] asking for the signature
    EthAddress address;
    std::optional<std::string> statement;  // one line of text
    std::string uri;
    std::string version = "1";
    int64_t chain_id = 1;
    std::string nonce;      // at least 8 letters and digits
    int64_t issued_at = 0;  // Unix seconds
    std::optional<int64_t> expiration_time;
    std::optional<int64_t> not_before;
    std::optional<std::string> request_id;
    std::vector<std::string> resources;
};

// The site the server signs users in to.
struct SignInSite {
    std::string domain;  // e.g. "pool.viddhana.com" (host[:port] of the web UI)
    std::string uri;     // e.g. "https://pool.viddhana.com"
    int64_t chain_id = 1;
    std::string statement = "Sign in to Viddhana Pool.";
};

// The message the server hands out for `address`, valid from now_s for lifetime_s seconds.
SiweMessage sign_in_message(const SignInSite& site, const EthAddress& address, std::string nonce,
                            int64_t now_s, int64_t lifetime_s);

// 22 random letters and digits (about 131 bits).
std::string new_siwe_nonce(RandomSource& random);

// The EIP-4361 text (lines joined by "\n", no trailing newline); the address in EIP-55 form.
std::string format_siwe_message(const SiweMessage& message);

// Strict: the exact line layout of EIP-4361, an EIP-55 checksummed address, version 1, a
// decimal chain id, an alphanumeric nonce of 8+ characters and RFC 3339 times; the optional
// fields in their order. Each refusal names the line and what is wrong.
Expected<SiweMessage> parse_siwe_message(std::string_view text);

}  // namespace viddhana::auth
