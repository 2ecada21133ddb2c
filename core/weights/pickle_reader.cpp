#include "weights/pickle_reader.h"

#include "base/error.h"
#include "io/file_limits.h"

#include <cstring>
#include <map>
#include <set>

namespace tl::weights {

PyRef PyValue::get(const std::string &key) const
{
    for (const auto &[k, v] : entries)
        if (k && k->kind == Kind::String && k->text == key)
            return v;
    return nullptr;
}

int storageElementSize(const std::string &t)
{
    static const std::map<std::string, int> sizes = {
        {"FloatStorage", 4}, {"DoubleStorage", 8}, {"HalfStorage", 2},  {"BFloat16Storage", 2},
        {"LongStorage", 8},  {"IntStorage", 4},    {"ShortStorage", 2}, {"CharStorage", 1},
        {"ByteStorage", 1},  {"BoolStorage", 1}};
    auto it = sizes.find(t);
    return it == sizes.end() ? 0 : it->second;
}

PyRef PickleArena::make(PyValue::Kind kind)
{
    if (m_values.size() >= limits::kMaxPickleValues)
        throw limitError(m_origin, "the number of pickle values", m_values.size() + 1,
                         limits::kMaxPickleValues);
    m_values.emplace_back();
    m_values.back().kind = kind;
    return &m_values.back();
}

void PickleArena::addItems(std::uint64_t n)
{
    if (n > limits::kMaxPickleItems - std::min(m_items, limits::kMaxPickleItems))
        throw limitError(m_origin, "the number of items in the pickle's containers", m_items + n,
                         limits::kMaxPickleItems);
    m_items += n;
}

namespace {

// Everything a PyTorch state dict needs, and nothing that can run code.
const std::set<std::string> &allowedGlobals()
{
    static const std::set<std::string> allowed = {
        "collections.OrderedDict",
        "torch._utils._rebuild_tensor_v2",
        "torch._utils._rebuild_tensor",
        "torch._utils._rebuild_parameter",
        "torch._utils._rebuild_parameter_with_state",
        "torch.FloatStorage",
        "torch.DoubleStorage",
        "torch.HalfStorage",
        "torch.BFloat16Storage",
        "torch.LongStorage",
        "torch.IntStorage",
        "torch.ShortStorage",
        "torch.CharStorage",
        "torch.ByteStorage",
        "torch.BoolStorage",
        "torch.Size",
        "torch.jit._pickle.restore_type_tag", // LibTorch's pickle_save tags typed dicts
        "builtins.set",
        "__builtin__.set",
    };
    return allowed;
}

class Unpickler
{
public:
    Unpickler(PickleArena &arena, const std::uint8_t *d, std::size_t n, std::size_t pos,
              const PersistentLoad &pl)
        : m_arena(arena), m_d(d), m_n(n), m_pos(pos), m_origin(arena.origin()), m_persistent(pl)
    {
    }

    PyRef run(std::size_t &end)
    {
        while (true) {
            const std::size_t at = m_pos;
            const std::uint8_t op = byte();
            switch (op) {
            case 0x80: // PROTO
                byte();
                break;
            case 0x95: // FRAME
                take(8);
                break;
            case '.': { // STOP
                end = m_pos;
                if (m_stack.empty())
                    fail(at, "empty pickle");
                return m_stack.back();
            }
            case '(':
                // Each open mark is a container being built: they nest like containers.
                if (m_marks.size() >= std::size_t(limits::kMaxNesting))
                    throw limitError(m_origin, "the pickle's nesting depth (open marks)",
                                     m_marks.size() + 1, std::uint64_t(limits::kMaxNesting));
                m_marks.push_back(m_stack.size());
                break;
            case '0':
                pop();
                break;
            case '1':
                popMark();
                break;
            case '2':
                push(top());
                break;
            case 'N':
                push(make(PyValue::Kind::None));
                break;
            case 0x88:
            case 0x89: {
                auto v = make(PyValue::Kind::Bool);
                v->boolean = op == 0x88;
                push(v);
                break;
            }
            case 'J':
                pushInt(std::int32_t(le(4)));
                break;
            case 'K':
                pushInt(std::int64_t(le(1)));
                break;
            case 'M':
                pushInt(std::int64_t(le(2)));
                break;
            case 0x8a:
            case 0x8b: { // LONG1 / LONG4: little-endian two's complement
                const std::size_t len = op == 0x8a ? le(1) : le(4);
                if (len > 8)
                    fail(at, "integer too large");
                std::uint64_t v = 0;
                const std::uint8_t *p = take(len);
                for (std::size_t i = 0; i < len; ++i)
                    v |= std::uint64_t(p[i]) << (8 * i);
                if (len > 0 && len < 8 && (p[len - 1] & 0x80))
                    v |= ~std::uint64_t(0) << (8 * len);
                pushInt(std::int64_t(v));
                break;
            }
            case 'I':
            case 'L': {
                const std::string line = readLine();
                if (line == "01" || line == "00") {
                    auto v = make(PyValue::Kind::Bool);
                    v->boolean = line == "01";
                    push(v);
                } else {
                    pushInt(parseInt(line, at));
                }
                break;
            }
            case 'G': {
                std::uint64_t bits = 0;
                const std::uint8_t *p = take(8);
                for (int i = 0; i < 8; ++i)
                    bits = (bits << 8) | p[i];
                auto v = make(PyValue::Kind::Float);
                std::memcpy(&v->real, &bits, 8);
                push(v);
                break;
            }
            case 'X':
                pushText(PyValue::Kind::String, le(4));
                break;
            case 0x8c:
                pushText(PyValue::Kind::String, le(1));
                break;
            case 0x8d:
                pushText(PyValue::Kind::String, le(8));
                break;
            case 'T':
                pushText(PyValue::Kind::String, le(4));
                break;
            case 'U':
                pushText(PyValue::Kind::String, le(1));
                break;
            case 'B':
                pushText(PyValue::Kind::Bytes, le(4));
                break;
            case 'C':
                pushText(PyValue::Kind::Bytes, le(1));
                break;
            case 0x8e:
                pushText(PyValue::Kind::Bytes, le(8));
                break;
            case ')':
                push(make(PyValue::Kind::Tuple));
                break;
            case 't': {
                auto v = make(PyValue::Kind::Tuple);
                setItems(v, popMark());
                push(v);
                break;
            }
            case 0x85:
            case 0x86:
            case 0x87: {
                const int n = op - 0x84;
                auto v = make(PyValue::Kind::Tuple);
                std::vector<PyRef> items(static_cast<std::size_t>(n));
                for (int i = n - 1; i >= 0; --i)
                    items[std::size_t(i)] = pop();
                setItems(v, std::move(items));
                push(v);
                break;
            }
            case ']':
            case 0x8f: // EMPTY_SET: kept as a list
                push(make(PyValue::Kind::List));
                break;
            case 'l':
            case 0x91: { // LIST, FROZENSET
                auto v = make(PyValue::Kind::List);
                setItems(v, popMark());
                push(v);
                break;
            }
            case 'a': {
                auto item = pop();
                append(expect(top(), PyValue::Kind::List, at), {item});
                break;
            }
            case 'e':
            case 0x90: { // APPENDS, ADDITEMS
                auto items = popMark();
                append(expect(top(), PyValue::Kind::List, at), items);
                break;
            }
            case '}':
                push(make(PyValue::Kind::Dict));
                break;
            case 'd': {
                auto items = popMark();
                auto v = make(PyValue::Kind::Dict);
                addEntries(v, items);
                push(v);
                break;
            }
            case 's': {
                auto value = pop();
                auto key = pop();
                addEntries(expect(top(), PyValue::Kind::Dict, at), {key, value});
                break;
            }
            case 'u': {
                auto items = popMark();
                addEntries(expect(top(), PyValue::Kind::Dict, at), items);
                break;
            }
            case 'c': {
                const std::string module = readLine();
                const std::string name = readLine();
                push(global(module, name, at));
                break;
            }
            case 0x93: {
                auto name = pop();
                auto module = pop();
                if (!module->isString() || !name->isString())
                    fail(at, "malformed STACK_GLOBAL");
                push(global(module->text, name->text, at));
                break;
            }
            case 'R': {
                auto args = pop();
                auto callable = pop();
                push(reduce(callable, args, at));
                break;
            }
            case 0x81: { // NEWOBJ: cls.__new__(cls, *args); only for allowed types
                auto args = pop();
                auto cls = pop();
                push(reduce(cls, args, at));
                break;
            }
            case 'b': // BUILD: an object's state; we keep containers as they are
                pop();
                break;
            case 'p':
                memoize(std::uint64_t(parseInt(readLine(), at)), at);
                break;
            case 'q':
                memoize(le(1), at);
                break;
            case 'r':
                memoize(le(4), at);
                break;
            case 0x94:
                memoize(m_memo.size(), at);
                break;
            case 'g':
                push(memo(std::uint64_t(parseInt(readLine(), at)), at));
                break;
            case 'h':
                push(memo(le(1), at));
                break;
            case 'j':
                push(memo(le(4), at));
                break;
            case 'Q': {
                auto pid = pop();
                if (!m_persistent)
                    fail(at, "unexpected persistent reference");
                push(m_persistent(pid));
                break;
            }
            default:
                fail(at, "unsupported or unsafe pickle opcode 0x" + hex(op) +
                             " (checkpoints never need it; nothing from the file was executed)");
            }
        }
    }

private:
    [[noreturn]] void fail(std::size_t at, const std::string &what) const
    {
        throw fileError(m_origin, what + " (pickle byte " + std::to_string(at) + ")");
    }
    static std::string hex(unsigned v)
    {
        char b[8];
        std::snprintf(b, sizeof b, "%02x", v);
        return b;
    }
    PyRef make(PyValue::Kind k) { return m_arena.make(k); }
    // Adding `item` to container `c` may make it deeper; cycles and deep nests stop at the limit.
    void deepen(PyRef c, PyRef item)
    {
        if (item && item->depth + 1 > c->depth) {
            c->depth = item->depth + 1;
            if (c->depth > limits::kMaxNesting)
                throw limitError(m_origin, "the pickle's nesting depth", std::uint64_t(c->depth),
                                 std::uint64_t(limits::kMaxNesting));
        }
    }
    void setItems(PyRef c, std::vector<PyRef> items)
    {
        m_arena.addItems(items.size());
        for (const auto &i : items)
            deepen(c, i);
        c->items = std::move(items);
    }
    void append(PyRef list, const std::vector<PyRef> &items)
    {
        m_arena.addItems(items.size());
        for (const auto &i : items)
            deepen(list, i);
        list->items.insert(list->items.end(), items.begin(), items.end());
    }
    void addEntries(PyRef dict, const std::vector<PyRef> &items)
    {
        m_arena.addItems(items.size());
        for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
            deepen(dict, items[i]);
            deepen(dict, items[i + 1]);
            dict->entries.emplace_back(items[i], items[i + 1]);
        }
    }
    void memoize(std::uint64_t key, std::size_t at)
    {
        if (m_memo.size() >= limits::kMaxPickleMemo && !m_memo.count(key))
            throw limitError(m_origin, "the pickle's memo size", m_memo.size() + 1,
                             limits::kMaxPickleMemo);
        (void)at;
        m_memo[key] = top();
    }
    std::int64_t parseInt(const std::string &line, std::size_t at) const
    {
        // Python 2 writes longs with a trailing L.
        std::string digits = line;
        if (!digits.empty() && digits.back() == 'L')
            digits.pop_back();
        if (digits.empty() || digits.size() > 20)
            fail(at, "malformed integer '" + line.substr(0, 40) + "'");
        std::size_t i = digits[0] == '-' || digits[0] == '+' ? 1 : 0;
        if (i == digits.size())
            fail(at, "malformed integer '" + line + "'");
        std::int64_t v = 0;
        for (; i < digits.size(); ++i) {
            const char c = digits[i];
            if (c < '0' || c > '9' || __builtin_mul_overflow(v, 10, &v) ||
                __builtin_add_overflow(v, c - '0', &v))
                fail(at, "malformed or too large integer '" + line + "'");
        }
        return digits[0] == '-' ? -v : v;
    }
    const std::uint8_t *take(std::size_t n)
    {
        if (m_pos > m_n || n > m_n - m_pos)
            throw fileError(m_origin, "the file is truncated (the pickle ends early at byte " +
                                          std::to_string(m_n) + ")");
        const std::uint8_t *p = m_d + m_pos;
        m_pos += n;
        return p;
    }
    std::uint8_t byte() { return *take(1); }
    std::uint64_t le(int n)
    {
        const std::uint8_t *p = take(std::size_t(n));
        std::uint64_t v = 0;
        for (int i = n - 1; i >= 0; --i)
            v = (v << 8) | p[i];
        return v;
    }
    std::string readLine()
    {
        std::string s;
        while (true) {
            const char c = char(byte());
            if (c == '\n')
                return s;
            s += c;
            if (s.size() > 4096)
                fail(m_pos, "line too long");
        }
    }
    void push(PyRef v)
    {
        if (m_stack.size() >= limits::kMaxPickleItems)
            throw limitError(m_origin, "the pickle's stack size", m_stack.size() + 1,
                             limits::kMaxPickleItems);
        m_stack.push_back(std::move(v));
    }
    void pushInt(std::int64_t i)
    {
        auto v = make(PyValue::Kind::Int);
        v->integer = i;
        push(v);
    }
    void pushText(PyValue::Kind k, std::uint64_t len)
    {
        auto v = make(k);
        const std::uint8_t *p = take(len);
        v->text.assign(reinterpret_cast<const char *>(p), len);
        push(v);
    }
    PyRef pop()
    {
        if (m_stack.empty() || (!m_marks.empty() && m_stack.size() <= m_marks.back()))
            fail(m_pos, "malformed pickle (stack underflow)");
        auto v = m_stack.back();
        m_stack.pop_back();
        return v;
    }
    PyRef top()
    {
        if (m_stack.empty())
            fail(m_pos, "malformed pickle (empty stack)");
        return m_stack.back();
    }
    std::vector<PyRef> popMark()
    {
        if (m_marks.empty())
            fail(m_pos, "malformed pickle (no mark)");
        const std::size_t mark = m_marks.back();
        m_marks.pop_back();
        std::vector<PyRef> items(m_stack.begin() + std::int64_t(mark), m_stack.end());
        m_stack.resize(mark);
        return items;
    }
    PyRef memo(std::uint64_t key, std::size_t at)
    {
        auto it = m_memo.find(key);
        if (it == m_memo.end())
            fail(at, "malformed pickle (unknown memo " + std::to_string(key) + ")");
        return it->second;
    }
    PyRef expect(PyRef v, PyValue::Kind k, std::size_t at)
    {
        if (!v || v->kind != k)
            fail(at, "malformed pickle (unexpected container)");
        return v;
    }
    PyRef global(const std::string &module, const std::string &name, std::size_t at)
    {
        const std::string full = module + "." + name;
        if (!allowedGlobals().count(full))
            fail(at, "refuses Python object '" + full +
                         "': a checkpoint never needs it, so the file is rejected and nothing from "
                         "it was executed");
        auto v = make(PyValue::Kind::Global);
        v->text = full;
        return v;
    }
    PyRef reduce(const PyRef &callable, const PyRef &args, std::size_t at)
    {
        if (!callable || callable->kind != PyValue::Kind::Global || !args ||
            args->kind != PyValue::Kind::Tuple)
            fail(at, "malformed pickle (call of a non-callable)");
        const std::string &f = callable->text;
        const auto &a = args->items;
        if (f == "collections.OrderedDict") {
            auto d = make(PyValue::Kind::Dict);
            if (!a.empty() && a[0]->kind == PyValue::Kind::List)
                for (const auto &pair : a[0]->items)
                    if (pair->kind == PyValue::Kind::Tuple && pair->items.size() == 2)
                        addEntries(d, {pair->items[0], pair->items[1]});
            return d;
        }
        if (f == "torch._utils._rebuild_tensor_v2" || f == "torch._utils._rebuild_tensor") {
            if (a.size() < 4 || !a[0] || a[0]->kind != PyValue::Kind::Storage ||
                a[1]->kind != PyValue::Kind::Int || a[2]->kind != PyValue::Kind::Tuple ||
                a[3]->kind != PyValue::Kind::Tuple)
                fail(at, "malformed tensor record");
            if (a[2]->items.size() != a[3]->items.size())
                fail(at, "malformed tensor record (size and stride differ in length)");
            if (a[2]->items.size() > std::size_t(limits::kMaxTensorDims))
                throw limitError(m_origin, "a tensor's number of dimensions", a[2]->items.size(),
                                 std::uint64_t(limits::kMaxTensorDims));
            auto t = make(PyValue::Kind::Tensor);
            t->storage = a[0];
            t->offset = a[1]->integer;
            for (std::size_t i = 0; i < a[2]->items.size(); ++i) {
                const PyRef size = a[2]->items[i], stride = a[3]->items[i];
                if (size->kind != PyValue::Kind::Int || stride->kind != PyValue::Kind::Int)
                    fail(at, "malformed tensor record (a size or stride is not an integer)");
                t->size.push_back(size->integer);
                t->stride.push_back(stride->integer);
            }
            return t;
        }
        if (f == "torch._utils._rebuild_parameter" ||
            f == "torch._utils._rebuild_parameter_with_state") {
            if (a.empty() || a[0]->kind != PyValue::Kind::Tensor)
                fail(at, "malformed parameter record");
            return a[0];
        }
        if (f == "torch.jit._pickle.restore_type_tag") {
            if (a.empty())
                fail(at, "malformed type tag");
            return a[0];
        }
        if (f == "torch.Size" || f == "builtins.set" || f == "__builtin__.set") {
            // A copy of the argument's items: counted, so that calling this many times on one
            // large list cannot multiply memory.
            auto t = make(PyValue::Kind::Tuple);
            if (!a.empty())
                setItems(t, a[0]->items);
            return t;
        }
        // Storage types are only ever named inside persistent ids, never called.
        fail(at, "refuses to call '" + f + "'");
    }

    PickleArena &m_arena;
    const std::uint8_t *m_d;
    std::size_t m_n;
    std::size_t m_pos;
    const std::string &m_origin;
    const PersistentLoad &m_persistent;
    std::vector<PyRef> m_stack;
    std::vector<std::size_t> m_marks;
    std::map<std::uint64_t, PyRef> m_memo;
};

} // namespace

PyRef unpickle(PickleArena &arena, const std::uint8_t *data, std::size_t size, std::size_t &offset,
               const PersistentLoad &persistentLoad)
{
    Unpickler u(arena, data, size, offset, persistentLoad);
    return u.run(offset);
}

} // namespace tl::weights
