// The node wallet as the payment processor needs it. An interface so the payment decisions are
// tested against a real wallet in integration tests and reasoned about without one.
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace viddhana::ledger {

// The wallet refused (locked, insufficient funds, invalid address, ...): nothing was sent.
struct WalletRefused : std::runtime_error {
    WalletRefused(int code, const std::string& message) : std::runtime_error(message), code(code) {}
    int code;
};

struct WalletTransaction {
    std::string txid;
    std::string comment;
    int64_t confirmations = 0;  // < 0: conflicted
    bool abandoned = false;
    int64_t fee = 0;  // base units paid by the wallet (positive)
};

struct WalletOutput {
    std::string address;
    int64_t amount = 0;  // base units
};

class Wallet {
  public:
    virtual ~Wallet() = default;
    // One transaction paying every output, tagged with `comment`. Throws WalletRefused or
    // NodeUnavailable (when it is not known whether anything was sent: reconcile by comment).
    virtual std::string send_many(const std::vector<WalletOutput>& outputs,
                                  const std::string& comment, bool subtract_fee_from_outputs,
                                  int min_confirmations) = 0;
    // The wallet's transaction carrying this comment, if any (searches the recent history).
    virtual std::optional<WalletTransaction> find_by_comment(const std::string& comment) = 0;
    virtual std::optional<WalletTransaction> transaction(const std::string& txid) = 0;
};

// Base units as the decimal string RPC amounts accept ("0.10000000"): exact, unlike a double.
std::string format_amount(int64_t base_units, int decimals = 8);

}  // namespace viddhana::ledger
