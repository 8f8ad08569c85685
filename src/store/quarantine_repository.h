// Records the store refused: input it can never take as it is (a share with an empty login, a
// block with a negative reward, spooled bytes that no longer decode). Each is set aside with the
// reason, so the rest of its batch is stored and nothing is dropped unseen; an operator lists
// them, retries one once the cause is fixed, or drops it (`viddhana quarantine`).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"
#include "store/records.h"

namespace viddhana::store {

enum class QuarantineKind { share, block, record };
std::string_view to_string(QuarantineKind k);
Expected<QuarantineKind> parse_quarantine_kind(std::string_view s);

struct NewQuarantined {
    QuarantineKind kind = QuarantineKind::share;
    // What it is, unique per kind: "node 3 sequence 1200" for a share, the hash for a block.
    std::string subject;
    std::string reason;
    std::string payload;  // the record's bytes as hex (the ledger's encoding)
    int64_t time_ms = 0;
};

struct Quarantined : NewQuarantined {
    int64_t id = 0;
};

class QuarantineRepository {
  public:
    virtual ~QuarantineRepository() = default;
    // Sets a record aside. One already there (same kind and subject: a replayed batch) is kept
    // as it is; returns false then.
    virtual Expected<bool> add(const NewQuarantined& record) = 0;
    // Oldest first.
    virtual Expected<std::vector<Quarantined>> list(Page page) = 0;
    virtual std::optional<Quarantined> find(int64_t id) = 0;
    // A retry that failed again says why.
    virtual Expected<bool> set_reason(int64_t id, const std::string& reason) = 0;
    // False when there was no such record.
    virtual Expected<bool> remove(int64_t id) = 0;
    virtual int64_t count() = 0;
};

}  // namespace viddhana::store
