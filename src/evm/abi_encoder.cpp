#include "evm/abi_encoder.h"

#include <stdexcept>

namespace viddhana::evm {
namespace {

Bytes padded_to_words(std::span<const uint8_t> bytes) {
    Bytes out(bytes.begin(), bytes.end());
    out.resize((bytes.size() + 31) / 32 * 32, 0);
    return out;
}

Bytes length_word(size_t n) {
    Word w = to_word(n);
    return Bytes(w.begin(), w.end());
}

}  // namespace

AbiEncoder& AbiEncoder::add_uint(Uint128 value) {
    return add_word(to_word(value));
}

AbiEncoder& AbiEncoder::add_word(const Word& word) {
    parameters_.push_back({false, Bytes(word.begin(), word.end())});
    return *this;
}

AbiEncoder& AbiEncoder::add_fixed_bytes(std::span<const uint8_t> bytes) {
    if (bytes.size() > 32) throw std::invalid_argument("bytesN holds at most 32 bytes");
    Word w{};
    std::copy(bytes.begin(), bytes.end(), w.begin());
    return add_word(w);
}

AbiEncoder& AbiEncoder::add_address(const auth::EthAddress& address) {
    Word w{};
    std::copy(address.bytes().begin(), address.bytes().end(), w.begin() + 12);
    return add_word(w);
}

AbiEncoder& AbiEncoder::add_bool(bool value) {
    return add_uint(value ? 1 : 0);
}

AbiEncoder& AbiEncoder::add_string(std::string_view text) {
    return add_bytes(
        std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

AbiEncoder& AbiEncoder::add_bytes(std::span<const uint8_t> bytes) {
    Bytes tail = length_word(bytes.size());
    Bytes body = padded_to_words(bytes);
    tail.insert(tail.end(), body.begin(), body.end());
    parameters_.push_back({true, std::move(tail)});
    return *this;
}

AbiEncoder& AbiEncoder::add_word_array(std::span<const Word> words) {
    Bytes tail = length_word(words.size());
    for (const auto& w : words)
        tail.insert(tail.end(), w.begin(), w.end());
    parameters_.push_back({true, std::move(tail)});
    return *this;
}

Bytes AbiEncoder::encode() const {
    size_t head_size = parameters_.size() * 32;
    size_t tail_size = 0;
    for (const auto& p : parameters_) {
        if (p.dynamic) tail_size += p.bytes.size();
    }
    Bytes out;
    out.reserve(head_size + tail_size);
    size_t offset = head_size;
    for (const auto& p : parameters_) {
        if (p.dynamic) {
            Bytes w = length_word(offset);
            out.insert(out.end(), w.begin(), w.end());
            offset += p.bytes.size();
        } else {
            out.insert(out.end(), p.bytes.begin(), p.bytes.end());
        }
    }
    for (const auto& p : parameters_) {
        if (p.dynamic) out.insert(out.end(), p.bytes.begin(), p.bytes.end());
    }
    return out;
}

Selector function_selector(std::string_view signature) {
    auth::Hash256 h = auth::keccak256(signature);
    return {h[0], h[1], h[2], h[3]};
}

Bytes encode_call(std::string_view signature, const AbiEncoder& parameters) {
    Selector s = function_selector(signature);
    Bytes out(s.begin(), s.end());
    Bytes body = parameters.encode();
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

auth::Hash256 event_topic(std::string_view signature) {
    return auth::keccak256(signature);
}

}  // namespace viddhana::evm
