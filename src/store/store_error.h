// Exceptions the store throws for conditions the caller cannot fix by changing its input:
// the database is unreachable (retry later, spool meanwhile) or misbehaves. Bad input is not
// an exception: repository methods return Expected<T> for it.
#pragma once
#include <stdexcept>
#include <string>

namespace viddhana::store {

// The database failed in a way that is not about the request (SQL error, corrupt file, ...).
class StoreError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The database cannot be reached right now (server down, connection lost, file locked).
// Whatever the failed call was writing was not committed; retrying later is safe.
class StoreUnavailable : public StoreError {
  public:
    using StoreError::StoreError;
};

// The database was migrated by a newer build than this one; running on it could corrupt it.
class SchemaTooNew : public StoreError {
  public:
    using StoreError::StoreError;
};

}  // namespace viddhana::store
