#include "support/hostile.h"

#include "support/fixtures.h"

#include <zlib.h>

#include <cstring>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace tl::test {

namespace {

void putLe(Bytes &b, std::uint64_t v, int n)
{
    for (int i = 0; i < n; ++i)
        b.push_back(std::uint8_t(v >> (8 * i)));
}

void putStr(Bytes &b, const std::string &s)
{
    b.insert(b.end(), s.begin(), s.end());
}

Bytes floats(const std::vector<float> &v)
{
    Bytes b(v.size() * 4);
    std::memcpy(b.data(), v.data(), b.size());
    return b;
}

Bytes rawDeflate(const Bytes &raw)
{
    z_stream zs{};
    deflateInit2(&zs, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    Bytes out(deflateBound(&zs, uLong(raw.size())));
    zs.next_in = const_cast<Bytef *>(raw.data());
    zs.avail_in = uInt(raw.size());
    zs.next_out = out.data();
    zs.avail_out = uInt(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

} // namespace

PickleWriter::PickleWriter()
{
    m_b = {0x80, 0x02};
}

PickleWriter &PickleWriter::op(char c)
{
    m_b.push_back(std::uint8_t(c));
    return *this;
}

PickleWriter &PickleWriter::raw(const Bytes &b)
{
    m_b.insert(m_b.end(), b.begin(), b.end());
    return *this;
}

PickleWriter &PickleWriter::str(const std::string &s)
{
    op('X');
    putLe(m_b, s.size(), 4);
    putStr(m_b, s);
    return *this;
}

PickleWriter &PickleWriter::integer(std::int64_t v)
{
    if (v >= INT32_MIN && v <= INT32_MAX) {
        op('J');
        putLe(m_b, std::uint64_t(std::uint32_t(std::int32_t(v))), 4);
    } else {
        m_b.push_back(0x8a);
        m_b.push_back(8);
        putLe(m_b, std::uint64_t(v), 8);
    }
    return *this;
}

PickleWriter &PickleWriter::global(const std::string &module, const std::string &name)
{
    op('c');
    putStr(m_b, module + "\n" + name + "\n");
    return *this;
}

PickleWriter &PickleWriter::put(std::uint32_t memo)
{
    op('r');
    putLe(m_b, memo, 4);
    return *this;
}

PickleWriter &PickleWriter::get(std::uint32_t memo)
{
    op('j');
    putLe(m_b, memo, 4);
    return *this;
}

PickleWriter &PickleWriter::intTuple(const std::vector<std::int64_t> &v)
{
    op('(');
    for (auto x : v)
        integer(x);
    return op('t');
}

PickleWriter &PickleWriter::tensor(const std::string &key, std::int64_t storageNumel,
                                   std::int64_t offset, const std::vector<std::int64_t> &size,
                                   const std::vector<std::int64_t> &stride,
                                   const std::string &storageType)
{
    global("torch._utils", "_rebuild_tensor_v2");
    op('(');
    op('(').str("storage").global("torch", storageType).str(key).str("cpu").integer(storageNumel);
    op('t').op('Q');
    integer(offset).intTuple(size).intTuple(stride);
    m_b.push_back(0x89); // False
    global("collections", "OrderedDict").op(')').op('R');
    return op('t').op('R');
}

Bytes PickleWriter::stop()
{
    op('.');
    return m_b;
}

Bytes zipArchive(const std::vector<ZipMember> &members, const ZipLies &lies)
{
    Bytes out, dir;
    for (std::size_t i = 0; i < members.size(); ++i) {
        const auto &m = members[i];
        const Bytes body = m.deflate ? rawDeflate(m.data) : m.data;
        const bool first = i == 0;
        const std::uint64_t offset = out.size();
        const std::uint64_t size = first && lies.declaredSize ? lies.declaredSize : m.data.size();
        const std::uint64_t csize =
            first && lies.compressedSize ? lies.compressedSize : body.size();
        putLe(out, 0x04034b50, 4);
        putLe(out, 20, 2);
        putLe(out, 0, 2);
        putLe(out, m.deflate ? 8 : 0, 2);
        putLe(out, 0, 4); // time, date
        putLe(out, crc32(0, m.data.data(), uInt(m.data.size())), 4);
        putLe(out, std::min<std::uint64_t>(csize, 0xffffffff), 4);
        putLe(out, std::min<std::uint64_t>(size, 0xffffffff), 4);
        putLe(out, m.name.size(), 2);
        putLe(out, 0, 2);
        putStr(out, m.name);
        out.insert(out.end(), body.begin(), body.end());

        const Bytes extra = first ? lies.firstExtra : Bytes{};
        putLe(dir, 0x02014b50, 4);
        putLe(dir, 20, 2);
        putLe(dir, 20, 2);
        putLe(dir, 0, 2);
        putLe(dir, m.deflate ? 8 : 0, 2);
        putLe(dir, 0, 4);
        putLe(dir, crc32(0, m.data.data(), uInt(m.data.size())), 4);
        putLe(dir, csize > 0xffffffff || !extra.empty() ? 0xffffffff : csize, 4);
        putLe(dir, size > 0xffffffff || !extra.empty() ? 0xffffffff : size, 4);
        putLe(dir, m.name.size(), 2);
        putLe(dir, extra.size(), 2);
        putLe(dir, 0, 2);
        putLe(dir, 0, 2);
        putLe(dir, 0, 2);
        putLe(dir, 0, 4);
        const std::uint64_t hdr = first && lies.headerOffset ? lies.headerOffset : offset;
        putLe(dir, !extra.empty() ? 0xffffffff : std::min<std::uint64_t>(hdr, 0xffffffff), 4);
        putStr(dir, m.name);
        dir.insert(dir.end(), extra.begin(), extra.end());
    }
    const std::uint64_t dirOffset = lies.dirOffset ? lies.dirOffset : out.size();
    const std::uint64_t dirSize = lies.dirSize ? lies.dirSize : dir.size();
    const std::uint64_t count =
        lies.entryCount >= 0 ? std::uint64_t(lies.entryCount) : members.size();
    out.insert(out.end(), dir.begin(), dir.end());
    if (lies.zip64) {
        const std::uint64_t record = out.size();
        putLe(out, 0x06064b50, 4);
        putLe(out, 44, 8);
        putLe(out, 45, 2);
        putLe(out, 45, 2);
        putLe(out, 0, 4);
        putLe(out, 0, 4);
        putLe(out, count, 8);
        putLe(out, count, 8);
        putLe(out, dirSize, 8);
        putLe(out, dirOffset, 8);
        putLe(out, 0x07064b50, 4);
        putLe(out, 0, 4);
        putLe(out, lies.zip64RecordOffset ? lies.zip64RecordOffset : record, 8);
        putLe(out, 1, 4);
    }
    putLe(out, 0x06054b50, 4);
    putLe(out, 0, 4);
    putLe(out, lies.zip64 ? 0xffff : count, 2);
    putLe(out, lies.zip64 ? 0xffff : count, 2);
    putLe(out, lies.zip64 ? 0xffffffff : dirSize, 4);
    putLe(out, lies.zip64 ? 0xffffffff : dirOffset, 4);
    putLe(out, 0, 2);
    return out;
}

Bytes torchZip(const Bytes &pickle, const std::vector<std::pair<std::string, Bytes>> &storages,
               const ZipLies &lies)
{
    std::vector<ZipMember> members{{"archive/data.pkl", pickle, false}};
    for (const auto &[key, bytes] : storages)
        members.push_back({"archive/data/" + key, bytes, false});
    return zipArchive(members, lies);
}

Bytes validTorchZip(const std::vector<float> &values)
{
    PickleWriter p;
    p.global("collections", "OrderedDict").op(')').op('R').op('(');
    p.str("w").tensor("0", std::int64_t(values.size()), 0, {std::int64_t(values.size())}, {1});
    p.op('u');
    return torchZip(p.stop(), {{"0", floats(values)}});
}

Bytes legacyCheckpoint(const Bytes &pickle, const std::vector<std::string> &keys,
                       const std::vector<std::pair<std::int64_t, Bytes>> &storages)
{
    Bytes out = {0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46,
                 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, '.'};
    PickleWriter protocol;
    protocol.integer(1001);
    const Bytes proto = protocol.stop();
    out.insert(out.end(), proto.begin(), proto.end());
    PickleWriter info;
    info.op('}');
    const Bytes sys = info.stop();
    out.insert(out.end(), sys.begin(), sys.end());
    out.insert(out.end(), pickle.begin(), pickle.end());
    PickleWriter list;
    list.op(']').op('(');
    for (const auto &k : keys)
        list.str(k);
    list.op('e');
    const Bytes keyList = list.stop();
    out.insert(out.end(), keyList.begin(), keyList.end());
    for (const auto &[numel, bytes] : storages) {
        putLe(out, std::uint64_t(numel), 8);
        out.insert(out.end(), bytes.begin(), bytes.end());
    }
    return out;
}

Bytes validLegacy(const std::vector<float> &values)
{
    PickleWriter p;
    p.global("collections", "OrderedDict").op(')').op('R').op('(');
    p.str("w").tensor("0", std::int64_t(values.size()), 0, {std::int64_t(values.size())}, {1});
    p.op('u');
    return legacyCheckpoint(p.stop(), {"0"}, {{std::int64_t(values.size()), floats(values)}});
}

Bytes safetensors(const std::string &headerJson, const Bytes &data)
{
    Bytes out;
    putLe(out, headerJson.size(), 8);
    putStr(out, headerJson);
    out.insert(out.end(), data.begin(), data.end());
    return out;
}

Bytes validSafetensors(const std::vector<float> &values)
{
    const std::string n = std::to_string(values.size());
    return safetensors(R"({"w":{"dtype":"F32","shape":[)" + n + R"(],"data_offsets":[0,)" +
                           std::to_string(values.size() * 4) + "]}}",
                       floats(values));
}

Bytes gzipBytes(const Bytes &raw)
{
    return gzip(raw);
}

Bytes tarWithSizeField(const std::string &name, const Bytes &data, const Bytes &sizeField)
{
    Bytes h(512, 0);
    std::memcpy(h.data(), name.data(), std::min<std::size_t>(name.size(), 99));
    std::memcpy(h.data() + 100, "0000644", 7);
    std::memcpy(h.data() + 124, sizeField.data(), std::min<std::size_t>(12, sizeField.size()));
    h[156] = '0';
    std::memcpy(h.data() + 257, "ustar", 5);
    std::uint64_t sum = 0;
    for (int i = 0; i < 512; ++i)
        sum += (i >= 148 && i < 156) ? ' ' : h[std::size_t(i)];
    char chk[8];
    std::snprintf(chk, sizeof chk, "%06o", unsigned(sum));
    std::memcpy(h.data() + 148, chk, 7);
    // Sized once and filled: GCC 12 at -O3 reports a false array-bounds error for
    // vector::insert after a 512-byte vector (-Werror in CI).
    const std::size_t body = h.size() + data.size();
    Bytes out(body + (512 - body % 512) % 512 + 1024, 0);
    std::copy(h.begin(), h.end(), out.begin());
    std::copy(data.begin(), data.end(), out.begin() + std::ptrdiff_t(h.size()));
    return out;
}

} // namespace tl::test
