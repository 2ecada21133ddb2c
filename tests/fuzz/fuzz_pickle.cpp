// The unpickler on its own, with a persistent loader that makes storages (as checkpoints do).
#include "fuzz_common.h"
#include "weights/pickle_reader.h"

using namespace tl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return fuzz::refuseCleanly([&] {
        weights::PickleArena arena("fuzz.pkl");
        std::size_t offset = 0;
        weights::unpickle(arena, data, size, offset, [&](weights::PyRef) {
            auto s = arena.make(weights::PyValue::Kind::Storage);
            s->storageType = "FloatStorage";
            return s;
        });
    });
}
