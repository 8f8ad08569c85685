#include "auth/jwt.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <nlohmann/json.hpp>

#include "auth/base64url.h"

namespace viddhana::auth {
namespace {

using Json = nlohmann::json;

std::span<const uint8_t> as_bytes(std::string_view s) {
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

std::array<uint8_t, 32> hmac_sha256(std::span<const uint8_t> key, std::string_view data) {
    std::array<uint8_t, 32> out{};
    unsigned int len = 0;
    // A zero-length key is legal HMAC; OpenSSL wants a non-null pointer for it.
    static const uint8_t kEmpty = 0;
    HMAC(EVP_sha256(), key.empty() ? &kEmpty : key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const uint8_t*>(data.data()), data.size(), out.data(), &len);
    return out;
}

Expected<Json> decode_json_part(std::string_view part, std::string_view what) {
    auto bytes = base64url_decode(part);
    if (!bytes)
        return make_error("token " + std::string(what) +
                          " is not base64url: " + bytes.error().message);
    Json json = Json::parse(bytes->begin(), bytes->end(), nullptr, false);
    if (json.is_discarded()) return make_error("token " + std::string(what) + " is not JSON");
    if (!json.is_object()) {
        return make_error("token " + std::string(what) + " is not a JSON object");
    }
    return json;
}

Expected<std::string> string_claim(const Json& payload, const char* name) {
    auto it = payload.find(name);
    if (it == payload.end()) return make_error(std::string("token has no '") + name + "' claim");
    if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
        return make_error(std::string("token claim '") + name + "' is not a non-empty string");
    }
    return it->get<std::string>();
}

Expected<int64_t> time_claim(const Json& payload, const char* name) {
    auto it = payload.find(name);
    if (it == payload.end()) return make_error(std::string("token has no '") + name + "' claim");
    if (!it->is_number_integer()) {
        return make_error(std::string("token claim '") + name + "' is not whole seconds");
    }
    return it->get<int64_t>();
}

}  // namespace

std::optional<Error> check_jwt_secret(std::string_view secret) {
    if (secret.size() < kMinJwtSecretBytes) {
        return make_error("JWT secret has " + std::to_string(secret.size()) + " bytes; at least " +
                          std::to_string(kMinJwtSecretBytes) + " are needed for HS256");
    }
    return std::nullopt;
}

std::string new_jwt_id(RandomSource& random) {
    std::array<uint8_t, 16> bytes{};
    random.fill(bytes);
    return base64url_encode(bytes);
}

std::string sign_hs256_jws(std::string_view header_json, std::string_view payload_json,
                           std::span<const uint8_t> key) {
    std::string input = base64url_encode(header_json) + "." + base64url_encode(payload_json);
    auto mac = hmac_sha256(key, input);
    return input + "." + base64url_encode(mac);
}

Expected<VerifiedJws> verify_hs256_jws(std::string_view token, std::span<const uint8_t> key) {
    size_t first = token.find('.');
    size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
        return make_error("token is not three dot-separated parts");
    }
    std::string_view header_part = token.substr(0, first);
    std::string_view payload_part = token.substr(first + 1, second - first - 1);
    std::string_view signature_part = token.substr(second + 1);

    auto header = decode_json_part(header_part, "header");
    if (!header) return header.error();
    auto alg = header->find("alg");
    if (alg == header->end() || !alg->is_string()) return make_error("token header has no alg");
    const std::string& alg_name = alg->get_ref<const std::string&>();
    if (alg_name == "none" || alg_name == "None" || alg_name == "NONE") {
        return make_error("token alg 'none' (unsigned) is refused");
    }
    if (alg_name != "HS256") {
        return make_error("token alg '" + alg_name + "' is not accepted (only HS256)");
    }
    if (header->contains("crit")) return make_error("token header has unsupported 'crit'");

    auto signature = base64url_decode(signature_part);
    if (!signature) return make_error("token signature is not base64url");
    auto expected = hmac_sha256(key, token.substr(0, second));  // over "header.payload" as received
    if (signature->size() != expected.size() ||
        CRYPTO_memcmp(signature->data(), expected.data(), expected.size()) != 0) {
        return make_error("token signature does not match");
    }
    auto payload_bytes = base64url_decode(payload_part);
    if (!payload_bytes) return make_error("token payload is not base64url");
    auto header_bytes = base64url_decode(header_part);
    return VerifiedJws{std::string(header_bytes->begin(), header_bytes->end()),
                       std::string(payload_bytes->begin(), payload_bytes->end())};
}

std::string sign_jwt(const JwtClaims& claims, std::string_view secret) {
    Json payload = {{"sub", claims.sub},
                    {"iat", claims.iat},
                    {"exp", claims.exp},
                    {"jti", claims.jti},
                    {"typ", claims.typ}};
    if (claims.nbf) payload["nbf"] = *claims.nbf;
    return sign_hs256_jws(R"({"alg":"HS256","typ":"JWT"})", payload.dump(), as_bytes(secret));
}

Expected<JwtClaims> verify_jwt(std::string_view token, std::string_view secret, int64_t now_s,
                               std::string_view expected_typ) {
    auto jws = verify_hs256_jws(token, as_bytes(secret));
    if (!jws) return jws.error();
    Json payload = Json::parse(jws->payload_json, nullptr, false);
    if (payload.is_discarded() || !payload.is_object()) {
        return make_error("token payload is not a JSON object");
    }
    JwtClaims claims;
    auto sub = string_claim(payload, "sub");
    if (!sub) return sub.error();
    claims.sub = *sub;
    auto jti = string_claim(payload, "jti");
    if (!jti) return jti.error();
    claims.jti = *jti;
    auto typ = string_claim(payload, "typ");
    if (!typ) return typ.error();
    claims.typ = *typ;
    auto iat = time_claim(payload, "iat");
    if (!iat) return iat.error();
    claims.iat = *iat;
    auto exp = time_claim(payload, "exp");
    if (!exp) return exp.error();
    claims.exp = *exp;
    if (payload.contains("nbf")) {
        auto nbf = time_claim(payload, "nbf");
        if (!nbf) return nbf.error();
        claims.nbf = *nbf;
    }

    if (claims.typ != expected_typ) {
        return make_error("token typ is '" + claims.typ + "', expected '" +
                          std::string(expected_typ) + "'");
    }
    if (now_s >= claims.exp) {
        return make_error("token expired at " + std::to_string(claims.exp) + " (now " +
                          std::to_string(now_s) + ")");
    }
    if (claims.iat > now_s + kJwtClockSkewSeconds) {
        return make_error("token is not yet valid: issued at " + std::to_string(claims.iat) +
                          ", in the future (now " + std::to_string(now_s) + ")");
    }
    if (claims.nbf && *claims.nbf > now_s + kJwtClockSkewSeconds) {
        return make_error("token is not yet valid: not before " + std::to_string(*claims.nbf) +
                          " (now " + std::to_string(now_s) + ")");
    }
    return claims;
}

}  // namespace viddhana::auth
