// Label fixes (core/analysis/label_fixes.h): the list read and checked, a folder and a CSV
// dataset fixed and put back byte for byte by the journal, refusals that move nothing, and
// label-override files.

#include "analysis/label_fixes.h"
#include "data/dataset.h"
#include "data/image_encode.h"
#include "data/label_overrides.h"
#include "io/files.h"
#include "support/expect_error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <map>

using namespace tl;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kClasses = {"cat", "dog", "Ankle boot"};

std::vector<std::uint8_t> bytes(const std::string &s)
{
    return {s.begin(), s.end()};
}

void put(const fs::path &p, const std::string &text)
{
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

// ROOT/train/{cat,dog}/pI.png and ROOT/test/{cat,dog}/tI.png, `perClass` of each: a folder
// dataset of real (4x4 grey) PNGs.
void pngFolder(const fs::path &root, int perClass)
{
    const std::uint8_t grey[16] = {0,  40, 80, 120, 160, 200, 240, 255,
                                   10, 50, 90, 130, 170, 210, 250, 5};
    const std::vector<unsigned char> png = data::encodePng(grey, 4, 4, 1);
    for (const char *cls : {"cat", "dog"})
        for (int i = 0; i < perClass; ++i)
            for (const auto &[split, prefix] : {std::pair{"train", "p"}, std::pair{"test", "t"}}) {
                fs::create_directories(root / split / cls);
                std::ofstream(root / split / cls / (prefix + std::to_string(i) + ".png"),
                              std::ios::binary)
                    .write(reinterpret_cast<const char *>(png.data()), std::streamsize(png.size()));
            }
}

// Every file under `root` (hidden ones too) and its bytes.
std::map<std::string, std::string> tree(const fs::path &root)
{
    std::map<std::string, std::string> t;
    for (const auto &e : fs::recursive_directory_iterator(root)) {
        const std::string rel = fs::relative(e.path(), root).string();
        if (e.is_directory()) {
            t[rel + "/"] = "";
            continue;
        }
        std::ifstream in(e.path(), std::ios::binary);
        t[rel] = std::string(std::istreambuf_iterator<char>(in), {});
    }
    return t;
}

} // namespace

class TestLabelFixes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theListIsReadAndChecked()
    {
        const auto fixes =
            runs::parseLabelFixes(bytes("index,split,path,label,suggested,self_confidence,mark\n"
                                        "4,train,/d/cat/a.png,cat,dog,0.1,wrong label\n"
                                        "9,val,/d/dog/b.png,dog,cat,0.2,ambiguous\n"),
                                  "marked.csv", kClasses);
        QCOMPARE(fixes.size(), std::size_t(2));
        QCOMPARE(fixes[0].newLabel, std::string("dog"));
        QVERIFY(fixes[1].action == runs::FixAction::Ambiguous);
        const auto own = runs::parseLabelFixes(
            bytes("index,label,fix\n1,cat,ankle BOOT\n2,dog,leave out\n3,dog,dog\n"), "f.csv",
            kClasses);
        QCOMPARE(own.size(), std::size_t(2)); // the third changes nothing
        QCOMPARE(own[0].newLabel, std::string("Ankle boot"));
        QVERIFY(own[1].action == runs::FixAction::LeaveOut);
        TL_EXPECT_ERROR(
            runs::parseLabelFixes(bytes("index,label,fix\n1,cat,horse\n"), "f.csv", kClasses),
            (QStringList{"f.csv", "line 2", "horse", "not a class"}));
        TL_EXPECT_ERROR(runs::parseLabelFixes(bytes("index,label,fix\n1,cat,dog\n1,cat,dog\n"),
                                              "f.csv", kClasses),
                        (QStringList{"line 3", "listed twice"}));
        TL_EXPECT_ERROR(runs::parseLabelFixes(bytes("a,b\n"), "f.csv", kClasses),
                        (QStringList{"f.csv", "header"}));
        TL_EXPECT_ERROR(
            runs::parseLabelFixes(bytes("index,label,fix\n-3,cat,dog\n"), "f.csv", kClasses),
            (QStringList{"f.csv", "line 2"}));
        TL_EXPECT_ERROR(runs::parseLabelFixes({}, "f.csv", kClasses), (QStringList{"empty"}));
    }

    void aFolderIsFixedAndPutBackByteForByte()
    {
        QTemporaryDir tmp;
        const fs::path root = fs::path(tmp.path().toStdString()) / "data";
        put(root / "train/cat/a.png", "A");
        put(root / "train/cat/nested/b.png", "B");
        put(root / "train/dog/c.png", "C");
        put(root / "train/Ankle boot/d e.png", "D");
        put(root / "test/cat/t.png", "T");
        const auto before = tree(root);
        const std::string list = "index,path,label,fix\n"
                                 "0," +
                                 (root / "train/cat/a.png").string() +
                                 ",cat,dog\n"
                                 "1," +
                                 (root / "train/cat/nested/b.png").string() +
                                 ",cat,Ankle boot\n"
                                 "2," +
                                 (root / "train/dog/c.png").string() +
                                 ",dog,ambiguous\n"
                                 "3,\"" +
                                 (root / "train/Ankle boot/d e.png").string() +
                                 "\",Ankle boot,leave out\n";
        const auto fixes = runs::parseLabelFixes(bytes(list), "fixes.csv", kClasses);
        const std::string journal = (fs::path(tmp.path().toStdString()) / "j.json").string();
        const runs::AppliedFixes a = runs::applyFixesToFolder(fixes, root.string(), journal);
        QCOMPARE(a.moved, std::size_t(4));
        QCOMPARE(a.relabelled, std::size_t(2));
        QCOMPARE(a.setAside, std::size_t(2));
        QVERIFY(fs::exists(root / "train/dog/a.png"));
        QVERIFY(fs::exists(root / "train/Ankle boot/nested/b.png"));
        QVERIFY(fs::exists(root / ".transferlab-set-aside/ambiguous/train/dog/c.png"));
        QVERIFY(fs::exists(root / ".transferlab-set-aside/left-out/train/Ankle boot/d e.png"));
        QVERIFY(!fs::exists(root / "train/cat/a.png"));
        const std::string said = runs::undoLabelFixes(journal);
        QVERIFY2(said.find("4 file(s) put back") != std::string::npos, said.c_str());
        QCOMPARE(tree(root), before);
        QVERIFY(runs::undoLabelFixes(journal).find("undone already") != std::string::npos);
    }

    void refusalsMoveNothing()
    {
        QTemporaryDir tmp;
        const fs::path root = fs::path(tmp.path().toStdString()) / "data";
        put(root / "cat/a.png", "A");
        put(root / "dog/a.png", "other");
        put(root / "cat/b.png", "B");
        const auto before = tree(root);
        const std::string journal = (fs::path(tmp.path().toStdString()) / "j.json").string();
        auto fix = [&](const std::string &path, const std::string &to) {
            return runs::parseLabelFixes(bytes("index,path,label,fix\n0," + path + ",cat,dog\n1," +
                                               (root / "cat/b.png").string() + ",cat," + to + "\n"),
                                         "f.csv", kClasses);
        };
        TL_EXPECT_ERROR(
            runs::applyFixesToFolder(fix("/etc/hostname", "dog"), root.string(), journal),
            (QStringList{"/etc/hostname", "not a file inside the dataset"}));
        TL_EXPECT_ERROR(runs::applyFixesToFolder(fix((root / "gone.png").string(), "dog"),
                                                 root.string(), journal),
                        (QStringList{"gone.png"}));
        QCOMPARE(tree(root), before);
        QVERIFY(!fs::exists(journal));
        // The first's name is taken in dog/: it moves as a-2.png, and back on undo.
        runs::applyFixesToFolder(fix((root / "cat/a.png").string(), "dog"), root.string(), journal);
        QVERIFY(fs::exists(root / "dog/a-2.png") && fs::exists(root / "dog/b.png"));
        QVERIFY(fs::exists(root / "dog/a.png") && !fs::exists(root / "cat/a.png"));
        runs::undoLabelFixes(journal);
        QCOMPARE(tree(root), before);
    }

    void aChangedFileIsLeftAloneByUndo()
    {
        QTemporaryDir tmp;
        const fs::path root = fs::path(tmp.path().toStdString()) / "data";
        put(root / "cat/a.png", "A");
        put(root / "dog/x.png", "X");
        const std::string journal = (fs::path(tmp.path().toStdString()) / "j.json").string();
        runs::applyFixesToFolder(
            runs::parseLabelFixes(
                bytes("index,path,label,fix\n0," + (root / "cat/a.png").string() + ",cat,dog\n"),
                "f.csv", kClasses),
            root.string(), journal);
        // The same fixes again: the file has moved already, and the message says so.
        TL_EXPECT_ERROR(
            runs::applyFixesToFolder(
                runs::parseLabelFixes(bytes("index,path,label,fix\n0," +
                                            (root / "cat/a.png").string() + ",cat,dog\n"),
                                      "f.csv", kClasses),
                root.string(), journal + ".again"),
            (QStringList{"a.png", "already", "labels undo"}));
        put(root / "dog/a.png", "edited since");
        std::size_t leftAlone = 0;
        const std::string said = runs::undoLabelFixes(journal, &leftAlone);
        QVERIFY2(said.find("left alone") != std::string::npos, said.c_str());
        QCOMPARE(leftAlone, std::size_t(1));
        QVERIFY(!fs::exists(root / "cat/a.png"));
    }

    void aCsvIsRewrittenAndRestored()
    {
        QTemporaryDir tmp;
        const fs::path dir = tmp.path().toStdString();
        const std::string csv = (dir / "data.csv").string();
        const std::string text =
            "path,label,split\nimg/a.png,cat,train\r\n\"img/b,c.png\",dog,train\n"
            "img/c.png,dog,test\n";
        put(csv, text);
        const auto fixes = runs::parseLabelFixes(
            bytes("index,path,label,fix\n0," + (dir / "img/a.png").string() + ",cat,dog\n1,\"" +
                  (dir / "img/b,c.png").string() + "\",dog,leave out\n"),
            "f.csv", kClasses);
        const std::string journal = (dir / "j.json").string();
        const runs::AppliedFixes a = runs::applyFixesToCsv(fixes, csv, journal);
        QCOMPARE(a.relabelled, std::size_t(1));
        QCOMPARE(a.setAside, std::size_t(1));
        const Bytes after = readFile(csv);
        QCOMPARE(std::string(after.begin(), after.end()),
                 std::string("path,label,split\nimg/a.png,dog,train\r\nimg/c.png,dog,test\n"));
        runs::undoLabelFixes(journal);
        const Bytes back = readFile(csv);
        QCOMPARE(std::string(back.begin(), back.end()), text);
        // A fix for a file the CSV does not list: refused, the CSV untouched.
        TL_EXPECT_ERROR(
            runs::applyFixesToCsv(
                runs::parseLabelFixes(bytes("index,path,label,fix\n0,/x/y.png,cat,dog\n"), "f.csv",
                                      kClasses),
                csv, journal),
            (QStringList{"/x/y.png", "not listed"}));
        const Bytes still = readFile(csv);
        QCOMPARE(std::string(still.begin(), still.end()), text);
    }

    // An override file applied when the data loads: relabelled images carry their new class,
    // excluded ones are gone, and a bad line is refused naming the file.
    void overridesReachTheLoadedData()
    {
        QTemporaryDir tmp;
        const fs::path root = fs::path(tmp.path().toStdString()) / "data";
        pngFolder(root, 6);
        data::DatasetOptions o;
        o.name = "folder";
        o.root = root.string();
        const data::DatasetSplits plain = data::loadDataset(o);
        QCOMPARE(plain.train.size(), std::size_t(12));
        // Image 0 is a cat: relabel it a dog; leave image 1 out.
        QCOMPARE(plain.train.labels[0], std::int64_t(0));
        const std::string file = (fs::path(tmp.path().toStdString()) / "ov.csv").string();
        put(file, "index,label\n0,dog\n1,exclude\n");
        o.labelOverrides = file;
        const data::DatasetSplits fixed = data::loadDataset(o);
        QCOMPARE(fixed.train.size(), std::size_t(11));
        QVERIFY2(fixed.overridesNote.find("ov.csv: 1 relabelled, 1 left out") != std::string::npos,
                 fixed.overridesNote.c_str()); // the run's log says what the file did
        QVERIFY(plain.overridesNote.empty());
        std::int64_t dogs = 0;
        for (std::size_t r = 0; r < fixed.train.size(); ++r) {
            QVERIFY(fixed.train.sourceIndex[r] != 1);
            if (fixed.train.sourceIndex[r] == 0)
                QCOMPARE(fixed.train.labels[r], std::int64_t(1));
            dogs += fixed.train.labels[r];
        }
        QCOMPARE(dogs, std::int64_t(7));
        put(file, "index,label\n0,horse\n");
        TL_EXPECT_ERROR(data::loadDataset(o), (QStringList{"ov.csv", "horse", "not a class"}));
        put(file, "index,label\n99,dog\n");
        TL_EXPECT_ERROR(data::loadDataset(o), (QStringList{"ov.csv", "99", "not in the training"}));
    }

    // A list checked against the run's data: index, path and label must name one image as it
    // is now.
    void aListMustMatchTheData()
    {
        QTemporaryDir tmp;
        const fs::path root = fs::path(tmp.path().toStdString()) / "data";
        pngFolder(root, 3);
        data::DatasetOptions o;
        o.name = "folder";
        o.root = root.string();
        const data::DatasetSplits d = data::loadDataset(o);
        QCOMPARE(d.train.size(), std::size_t(6));
        const std::string a = d.train.sourcePaths[0], b = d.train.sourcePaths[1];
        const std::string t = d.test.sourcePaths[3];
        auto list = [](const std::string &rows) {
            return runs::parseLabelFixes(bytes("index,split,path,label,fix\n" + rows), "f.csv",
                                         kClasses);
        };
        runs::checkFixesAgainstData(list("0,train," + a + ",cat,dog\n3,test," + t + ",dog,cat\n"),
                                    d, "f.csv");
        runs::checkFixesAgainstData(list("1,train,,cat,leave out\n"), d, "f.csv"); // no path
        TL_EXPECT_ERROR(
            runs::checkFixesAgainstData(list("0,train," + b + ",cat,dog\n"), d, "f.csv"),
            (QStringList{"f.csv", "line 2", "different images"}));
        TL_EXPECT_ERROR(
            runs::checkFixesAgainstData(list("0,train," + a + ",dog,cat\n"), d, "f.csv"),
            (QStringList{"f.csv", "labelled 'cat', not 'dog'"}));
        TL_EXPECT_ERROR(runs::checkFixesAgainstData(list("9,train,,cat,dog\n"), d, "f.csv"),
                        (QStringList{"f.csv", "train image 9", "not in the run's data"}));
        TL_EXPECT_ERROR(
            runs::checkFixesAgainstData(
                list("0,train," + (root / "cat/gone.png").string() + ",cat,dog\n"), d, "f.csv"),
            (QStringList{"gone.png", "is gone", "labels undo"}));
    }

    void overrides()
    {
        const auto fixes = runs::parseLabelFixes(
            bytes("index,label,fix\n7,cat,dog\n8,dog,ambiguous\n"), "f.csv", kClasses);
        const std::string csv = runs::labelOverridesCsv(fixes);
        QCOMPARE(csv, std::string("split,index,label\ntrain,7,dog\ntrain,8,exclude\n"));
        const auto o = data::parseLabelOverrides(bytes(csv), "o.csv");
        QCOMPARE(o.size(), std::size_t(2));
        QCOMPARE(o[0].label, std::string("dog"));
        QVERIFY(o[1].exclude);
        TL_EXPECT_ERROR(data::parseLabelOverrides(bytes("index,label\n7,dog\n7,cat\n"), "o.csv"),
                        (QStringList{"o.csv", "line 3", "twice"}));
        TL_EXPECT_ERROR(data::parseLabelOverrides(bytes("index,label\nx,dog\n"), "o.csv"),
                        (QStringList{"o.csv", "line 2"}));
        TL_EXPECT_ERROR(data::parseLabelOverrides(bytes("index,label\n3,\n"), "o.csv"),
                        (QStringList{"o.csv", "line 2", "index,label"}));
    }

    // The override file names the split: "index,label" stays a training image, a row of three
    // is split,index,label; each number checked, a repeated (split, index) refused.
    void overridesNameTheSplit()
    {
        const auto o = data::parseLabelOverrides(
            bytes("split,index,label\ntrain,5,dog\nTEST,5,cat\nval,6,exclude\n7,\"Ankle "
                  "boot\"\n"),
            "o.csv");
        QCOMPARE(o.size(), std::size_t(4));
        QCOMPARE(o[0].split, std::string("train"));
        QCOMPARE(o[1].split, std::string("test")); // train image 5 and test image 5 differ
        QCOMPARE(o[1].index, std::int64_t(5));
        QCOMPARE(o[1].label, std::string("cat"));
        QVERIFY(o[2].exclude && o[2].split == "val");
        QCOMPARE(o[3].split, std::string("train"));
        QCOMPARE(o[3].label, std::string("Ankle boot"));
        QCOMPARE(o[3].line, std::size_t(5));
        QCOMPARE(data::parseLabelOverrides(bytes("test,0,dog\n"), "o.csv").size(),
                 std::size_t(1)); // no header
        const std::pair<const char *, QStringList> refused[] = {
            {"split,index,label\ntest,2,dog\ntest,2,cat\n", {"o.csv", "line 3", "twice"}},
            {"split,index,label\nvalid8,2,dog\n",
             {"o.csv", "line 2", "valid8", "train, val or test"}},
            {"split,index,label\ntest,2x,dog\n", {"o.csv", "line 2"}},
            {"split,index,label\ntest,-1,dog\n", {"o.csv", "line 2"}},
            {"split,index,label\ntest,99999999999999999999,dog\n", {"o.csv", "line 2"}},
            {"split,index,label\ntest,2,\n", {"o.csv", "line 2", "split,index,label"}},
            {"split,index,label\ntest,2,dog,cat\n", {"o.csv", "line 2", "split,index,label"}},
            {"split,index,label\n,2,dog\n", {"o.csv", "line 2", "not train, val or test"}},
            {"index,label\n4\n", {"o.csv", "line 2"}},
        };
        for (const auto &refusal : refused) // (no structured binding: the macro's lambda)
            TL_EXPECT_ERROR(data::parseLabelOverrides(bytes(refusal.first), "o.csv"),
                            refusal.second);

        // Fixes of test images keep their split in the file `labels apply --overrides` writes,
        // and a list may name train image 3 and test image 3 (not the same image).
        const auto fixes = runs::parseLabelFixes(
            bytes("index,split,label,fix\n3,test,cat,dog\n3,train,dog,cat\n4,test,dog,leave "
                  "out\n"),
            "f.csv", kClasses);
        QCOMPARE(runs::labelOverridesCsv(fixes),
                 std::string("split,index,label\ntest,3,dog\ntrain,3,cat\ntest,4,exclude\n"));
        // On top of a run's own overrides (a run trained with fixes, fixed again): its rows stay,
        // a fix of the same image replaces its row (val 3 is training image 3), new ones follow.
        QTemporaryDir tmp;
        const std::string before = tmp.filePath("before.csv").toStdString();
        put(before, "split,index,label\nval,3,dog\ntrain,7,exclude\ntest,9,cat\n");
        QCOMPARE(runs::labelOverridesCsv(fixes, before),
                 std::string("split,index,label\ntrain,3,cat\ntrain,7,exclude\ntest,9,cat\n"
                             "test,3,dog\ntest,4,exclude\n"));
        const auto merged = data::parseLabelOverrides(bytes(runs::labelOverridesCsv(fixes, before)),
                                                      "merged.csv"); // reads back
        QCOMPARE(merged.size(), std::size_t(5));
        TL_EXPECT_ERROR(runs::labelOverridesCsv(fixes, tmp.filePath("gone.csv").toStdString()),
                        QStringList{"gone.csv"});
        TL_EXPECT_ERROR(runs::parseLabelFixes(bytes("index,split,label,fix\n3,test,cat,dog\n3,"
                                                    "test,cat,dog\n"),
                                              "f.csv", kClasses),
                        (QStringList{"f.csv", "line 3", "test image 3", "twice"}));
        TL_EXPECT_ERROR(runs::parseLabelFixes(bytes("index,split,label,fix\n3,holdout,cat,dog\n"),
                                              "f.csv", kClasses),
                        (QStringList{"f.csv", "line 2", "holdout"}));
    }

    // Test images fixed on disk: a ROOT/test/<class>/ file moves to its new class folder under
    // test/, a left-out one aside; a CSV's test row is relabelled and keeps its split.
    void testImagesAreFixedOnDisk()
    {
        QTemporaryDir tmp;
        const fs::path root = fs::path(tmp.path().toStdString()) / "data";
        put(root / "train/cat/a.png", "A");
        put(root / "test/cat/t.png", "T");
        put(root / "test/dog/u.png", "U");
        const auto before = tree(root);
        const auto fixes = runs::parseLabelFixes(
            bytes("index,split,path,label,fix\n0,test," + (root / "test/cat/t.png").string() +
                  ",cat,dog\n1,test," + (root / "test/dog/u.png").string() + ",dog,leave out\n"),
            "f.csv", kClasses);
        const std::string journal = (fs::path(tmp.path().toStdString()) / "j.json").string();
        const runs::AppliedFixes a = runs::applyFixesToFolder(fixes, root.string(), journal);
        QCOMPARE(a.relabelled, std::size_t(1));
        QCOMPARE(a.setAside, std::size_t(1));
        QVERIFY(fs::exists(root / "test/dog/t.png"));
        QVERIFY(fs::exists(root / ".transferlab-set-aside/left-out/test/dog/u.png"));
        runs::undoLabelFixes(journal);
        QCOMPARE(tree(root), before);

        const fs::path dir = tmp.path().toStdString();
        const std::string csv = (dir / "data.csv").string();
        put(csv, "path,label,split\nimg/a.png,cat,train\nimg/t.png,cat,test\n");
        runs::applyFixesToCsv(
            runs::parseLabelFixes(bytes("index,split,path,label,fix\n0,test," +
                                        (dir / "img/t.png").string() + ",cat,dog\n"),
                                  "f.csv", kClasses),
            csv, (dir / "j2.json").string());
        const Bytes after = readFile(csv);
        QCOMPARE(std::string(after.begin(), after.end()),
                 std::string("path,label,split\nimg/a.png,cat,train\nimg/t.png,dog,test\n"));
    }

    // Overrides of test images reach the loaded test set: a relabelled one carries its new
    // class, an excluded one is gone from the test set (and nothing else changes); val lines
    // name training images unless a CSV lists validation rows of its own.
    void testOverridesReachTheLoadedData()
    {
        QTemporaryDir tmp;
        const fs::path dir = tmp.path().toStdString();
        const std::uint8_t grey[16] = {0,  40, 80, 120, 160, 200, 240, 255,
                                       10, 50, 90, 130, 170, 210, 250, 5};
        const std::vector<unsigned char> png = data::encodePng(grey, 4, 4, 1);
        std::string listing = "path,label,split\n";
        for (const char *split : {"train", "val", "test"})
            for (const char *cls : {"cat", "dog"})
                for (int i = 0; i < 4; ++i) {
                    const std::string name = std::string(split) + "-" + cls + std::to_string(i);
                    std::ofstream(dir / (name + ".png"), std::ios::binary)
                        .write(reinterpret_cast<const char *>(png.data()),
                               std::streamsize(png.size()));
                    listing += name + ".png," + cls + "," + split + "\n";
                }
        put(dir / "data.csv", listing);
        data::DatasetOptions o;
        o.name = "csv";
        o.root = (dir / "data.csv").string();
        const data::DatasetSplits plain = data::loadDataset(o);
        QCOMPARE(plain.test.size(), std::size_t(8));
        QCOMPARE(plain.test.labels[0], std::int64_t(0)); // test-cat0
        const std::string file = (dir / "ov.csv").string();
        put(file, "split,index,label\ntest,0,dog\ntest,5,exclude\nval,1,exclude\n");
        o.labelOverrides = file;
        const data::DatasetSplits fixed = data::loadDataset(o);
        QCOMPARE(fixed.train.size(), std::size_t(8)); // train image 1 is still there
        QCOMPARE(fixed.val.size(), std::size_t(7));
        QCOMPARE(fixed.test.size(), std::size_t(7));
        for (std::size_t r = 0; r < fixed.test.size(); ++r) {
            QVERIFY(fixed.test.sourceIndex[r] != 5);
            QCOMPARE(fixed.test.labels[r],
                     fixed.test.sourceIndex[r] == 0
                         ? std::int64_t(1)
                         : plain.test.labels[std::size_t(fixed.test.sourceIndex[r])]);
        }
        for (std::size_t r = 0; r < fixed.val.size(); ++r)
            QVERIFY(fixed.val.sourceIndex[r] != 1);
        // A test subset is drawn with the old labels: the same images, three relabelled (drawn
        // with the new ones, 50 % of one cat and seven dogs would be other images).
        o.testFraction = 0.5;
        o.labelOverrides.clear();
        const data::DatasetSplits half = data::loadDataset(o);
        put(file, "split,index,label\ntest,0,dog\ntest,1,dog\ntest,2,dog\n");
        o.labelOverrides = file;
        const data::DatasetSplits halfFixed = data::loadDataset(o);
        QCOMPARE(halfFixed.test.sourceIndex, half.test.sourceIndex);
        for (std::size_t r = 0; r < half.test.size(); ++r)
            QCOMPARE(halfFixed.test.labels[r],
                     half.test.sourceIndex[r] < 3 ? std::int64_t(1) : half.test.labels[r]);
        o.testFraction = 1.0;
        put(file, "split,index,label\ntest,8,dog\n");
        TL_EXPECT_ERROR(data::loadDataset(o),
                        (QStringList{"ov.csv", "line 2", "test image 8", "not in the test set"}));
        put(file, "split,index,label\ntest,2,horse\n");
        TL_EXPECT_ERROR(data::loadDataset(o), (QStringList{"ov.csv", "horse", "not a class"}));

        // Without validation rows of its own, a validation image is a training image held out:
        // val 3 and train 3 are one image, named twice.
        o.root = (dir / "plain.csv").string();
        std::string trainTest;
        for (std::size_t k = 0; k < listing.size();) {
            const std::size_t end = listing.find('\n', k);
            const std::string line = listing.substr(k, end - k);
            if (line.find(",val") == std::string::npos)
                trainTest += line + "\n";
            k = end + 1;
        }
        put(dir / "plain.csv", trainTest);
        put(file, "split,index,label\nval,3,exclude\n");
        QCOMPARE(data::loadDataset(o).train.size(), std::size_t(7));
        put(file, "split,index,label\ntrain,3,dog\nval,3,exclude\n");
        TL_EXPECT_ERROR(data::loadDataset(o), (QStringList{"ov.csv", "line 3", "line 2"}));
    }
};

QTEST_GUILESS_MAIN(TestLabelFixes)
#include "tst_label_fixes.moc"
