#include "auth/sign_in_verifier.h"

#include "auth/personal_sign.h"
#include "auth/rfc3339_time.h"

namespace viddhana::auth {

Expected<SiweMessage> verify_sign_in(const SignInRequest& request, const SignInSite& site,
                                     const std::optional<NonceRecord>& nonce, int64_t now_s) {
    auto parsed = parse_siwe_message(request.message);
    if (!parsed) return parsed.error();
    const SiweMessage& m = *parsed;

    auto wallet = EthAddress::parse(request.wallet_address);
    if (!wallet) return make_error("walletAddress: " + wallet.error().message);
    if (*wallet != m.address) {
        return make_error("walletAddress " + wallet->checksummed() +
                          " does not match the message's address " + m.address.checksummed());
    }
    if (m.domain != site.domain) {
        return make_error("message is for domain '" + m.domain + "', not this site ('" +
                          site.domain + "')");
    }
    if (m.uri != site.uri) {
        return make_error("message URI '" + m.uri + "' is not this site's ('" + site.uri + "')");
    }
    if (m.chain_id != site.chain_id) {
        return make_error("message chain id " + std::to_string(m.chain_id) + " is not " +
                          std::to_string(site.chain_id));
    }

    auto signer = recover_personal_signer(request.message, request.signature);
    if (!signer) return make_error("signature: " + signer.error().message);
    if (*signer != m.address) {
        return make_error("signature was not made by " + m.address.checksummed() +
                          " (it recovers to " + signer->checksummed() + ")");
    }

    if (!nonce || nonce->nonce != m.nonce) {
        return make_error("nonce '" + m.nonce + "' is unknown (request a new sign-in message)");
    }
    if (nonce->used) return make_error("nonce '" + m.nonce + "' was already used");
    if (now_s >= nonce->expires_s) {
        return make_error("nonce '" + m.nonce + "' expired at " + format_rfc3339(nonce->expires_s));
    }
    if (nonce->address && *nonce->address != m.address) {
        return make_error("nonce '" + m.nonce + "' was issued to another address");
    }

    if (m.expiration_time && now_s >= *m.expiration_time) {
        return make_error("message expired at " + format_rfc3339(*m.expiration_time));
    }
    if (m.not_before && *m.not_before > now_s + kSignInClockSkewSeconds) {
        return make_error("message is not valid before " + format_rfc3339(*m.not_before));
    }
    if (m.issued_at > now_s + kSignInClockSkewSeconds) {
        return make_error("message issued-at " + format_rfc3339(m.issued_at) +
                          " is in the future (now " + format_rfc3339(now_s) + ")");
    }
    return parsed;
}

}  // namespace viddhana::auth
