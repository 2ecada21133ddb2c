// ONNX export of every model in the catalogue, run by a runtime we did not write (OpenCV's DNN
// module), against LibTorch's own outputs; and the refusal of what cannot be exported exactly.

#include "data/onnx_net.h"
#include "base/error.h"
#include "models/model_factory.h"
#include "models/small_cnns.h"
#include "weights/onnx_export.h"

#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <fstream>
#include <iterator>

using namespace tl;

namespace {

// Trained BatchNorm layers are not the identity: statistics and affine parameters away from
// their initial values, so that folding them is tested with numbers that matter.
void perturbBatchNorms(models::NetworkImpl &model)
{
    torch::NoGradGuard noGrad;
    torch::manual_seed(7);
    for (auto &b : model.named_buffers()) {
        if (b.key().size() > 13 && b.key().rfind("running_mean") == b.key().size() - 12)
            b.value().copy_(torch::randn_like(b.value()) * 0.1);
        else if (b.key().size() > 12 && b.key().rfind("running_var") == b.key().size() - 11)
            b.value().copy_(torch::rand_like(b.value()) + 0.5);
    }
    for (const auto &m : model.modules(false)) {
        auto perturb = [](torch::Tensor &w, torch::Tensor &b) {
            if (w.defined())
                w.copy_(torch::rand_like(w) + 0.5);
            if (b.defined())
                b.copy_(torch::randn_like(b) * 0.1);
        };
        if (auto *bn = dynamic_cast<torch::nn::BatchNorm2dImpl *>(m.get()))
            perturb(bn->weight, bn->bias);
        else if (auto *bn1 = dynamic_cast<torch::nn::BatchNorm1dImpl *>(m.get()))
            perturb(bn1->weight, bn1->bias);
    }
}

struct Compared
{
    double maxDiff = 0;
    double maxLogit = 0;
    std::int64_t bytes = 0;
    int folded = 0, kept = 0;
};

Compared exportAndCompare(models::NetworkImpl &model, int channels, int size, const QString &file)
{
    weights::OnnxExportOptions o;
    o.channels = channels;
    o.imageSize = size;
    weights::OnnxExportReport report;
    const auto r = weights::exportOnnx(model, file.toStdString(), o);
    data::OnnxNet net(file.toStdString());
    torch::manual_seed(3);
    const int n = 2;
    const torch::Tensor x = torch::randn({n, channels, size, size});
    torch::Tensor expected;
    {
        torch::NoGradGuard noGrad;
        expected = model.forward(x);
    }
    const std::vector<float> got = net.forward(x.data_ptr<float>(), n, channels, size);
    if (got.size() != std::size_t(expected.numel()))
        throw Error("OpenCV gave " + std::to_string(got.size()) + " values, LibTorch " +
                    std::to_string(expected.numel()));
    const torch::Tensor g = torch::from_blob(const_cast<float *>(got.data()), expected.sizes());
    Compared c;
    c.maxDiff = (g - expected).abs().max().item<double>();
    c.maxLogit = expected.abs().max().item<double>();
    c.bytes = r.bytes;
    c.folded = r.foldedBatchNorms;
    c.kept = r.keptBatchNorms;
    return c;
}

// A layer TransferLab's models do not use.
struct CustomNet : models::NetworkImpl
{
    CustomNet() : models::NetworkImpl("CustomNet")
    {
        fc = register_module("fc", torch::nn::Linear(3 * 8 * 8, 4));
    }
    torch::Tensor forward(torch::Tensor x) override { return fc(x.flatten(1)); }
    torch::nn::Linear fc{nullptr};
};

} // namespace

class TestOnnxExport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    double m_worst = 0;

private Q_SLOTS:
    void initTestCase()
    {
        torch::set_num_threads(2);
        QVERIFY(m_dir.isValid());
        // TL_KEEP_ONNX=1 keeps the files (for looking at a failure).
        if (qEnvironmentVariableIsSet("TL_KEEP_ONNX")) {
            m_dir.setAutoRemove(false);
            qInfo("files in %s", qPrintable(m_dir.path()));
        }
    }

    // Every model of the catalogue, its own head and the new ones (gap, flatten, hidden Dense +
    // BatchNorm + Dropout), truncated backbones; small inputs keep it fast. VGG's own classifier
    // (a 411 MB first Linear at any input size) is written once, at 64 px, where its 7x7 pooling
    // of a 2x2 map repeats and overlaps cells; the other VGGs with new heads.
    void catalogueAgreesInOpenCv_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("head");
        QTest::addColumn<int>("hidden");
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("channels");
        QTest::addColumn<QString>("truncate");
        QTest::addColumn<bool>("batchNorm");
        auto row = [](const char *name, const char *model, const char *head, int hidden, int size,
                      int channels = 3, const char *truncate = "", bool bn = false) {
            QTest::newRow(name) << model << head << hidden << size << channels << truncate << bn;
        };
        row("simple-cnn gray", "simple-cnn", "keep", 0, 28, 1);
        row("simple-cnn rgb", "simple-cnn", "keep", 0, 32);
        row("vgg-style-cnn", "vgg-style-cnn", "keep", 0, 32);
        row("vgg-style-cnn bn", "vgg-style-cnn", "keep", 0, 32, 3, "", true);
        row("resnet18", "resnet18", "keep", 0, 64);
        row("resnet18 gap hidden", "resnet18", "gap", 32, 32);
        row("resnet18 truncated flatten", "resnet18", "flatten", 0, 32, 3, "layer2");
        row("resnet34", "resnet34", "keep", 0, 32);
        row("resnet50", "resnet50", "keep", 0, 32);
        row("vgg11 own head", "vgg11", "keep", 0, 64);
        row("vgg16 gap", "vgg16", "gap", 0, 32);
        row("vgg16_bn gap hidden", "vgg16_bn", "gap", 64, 32);
        row("vgg19 truncated flatten", "vgg19", "flatten", 0, 32, 3, "block4_pool");
        row("mobilenet_v2", "mobilenet_v2", "keep", 0, 32);
        row("mobilenet_v3_small", "mobilenet_v3_small", "keep", 0, 64);
        row("mobilenet_v3_small gap hidden", "mobilenet_v3_small", "gap", 16, 32);
        row("mobilenet_v3_large", "mobilenet_v3_large", "keep", 0, 32);
        row("efficientnet_b0", "efficientnet_b0", "keep", 0, 32);
        row("efficientnet_b0 gap", "efficientnet_b0", "gap", 0, 32);
        row("densenet121", "densenet121", "keep", 0, 32);
        row("densenet121 truncated gap", "densenet121", "gap", 0, 32, 3, "transition2");
    }

    void catalogueAgreesInOpenCv()
    {
        QFETCH(QString, model);
        QFETCH(QString, head);
        QFETCH(int, hidden);
        QFETCH(int, size);
        QFETCH(int, channels);
        QFETCH(QString, truncate);
        QFETCH(bool, batchNorm);
        models::ModelSpec spec;
        spec.name = model.toStdString();
        spec.numClasses = 7;
        spec.inputSize = size;
        spec.inChannels = channels;
        spec.head = head.toStdString();
        spec.headHidden = hidden;
        spec.headDropout = hidden > 0 ? 0.3 : 0.0;
        spec.truncateAt = truncate.toStdString();
        spec.batchNorm = batchNorm;
        const auto t0 = std::chrono::steady_clock::now();
        auto net = models::createModel(spec, 1);
        perturbBatchNorms(*net);
        net->eval();
        const QString file = m_dir.path() + "/" + QString(QTest::currentDataTag()) + ".onnx";
        Compared c;
        try {
            c = exportAndCompare(*net, channels, size, file);
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
        if (!qEnvironmentVariableIsSet("TL_KEEP_ONNX"))
            QFile::remove(file);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        qInfo("%-32s max |logit diff| %.3g (largest |logit| %.3g), %lld bytes, BatchNorm "
              "folded %d kept %d, %.1f s",
              QTest::currentDataTag(), c.maxDiff, c.maxLogit, static_cast<long long>(c.bytes),
              c.folded, c.kept, seconds);
        m_worst = std::max(m_worst, c.maxDiff / std::max(1.0, c.maxLogit));
        // float32 in both runtimes, different summation orders and folded BatchNorm.
        QVERIFY2(c.maxDiff <= 1e-4 * std::max(1.0, c.maxLogit),
                 qPrintable(QString("max difference %1").arg(c.maxDiff)));
    }

    // What cannot be written exactly is refused, naming the layer.
    void refusesNamingTheLayer()
    {
        models::ModelSpec spec;
        spec.name = "simple-cnn";
        spec.inputSize = 16;
        auto net = models::createModel(spec, 1);
        auto *cnn = dynamic_cast<models::SimpleCnnImpl *>(net.get());
        QVERIFY(cnn);
        cnn->features->push_back("gelu", torch::nn::GELU());
        weights::OnnxExportOptions o;
        o.imageSize = 16;
        try {
            weights::onnxModelBytes(*net, o);
            QFAIL("a GELU was exported");
        } catch (const Error &e) {
            const QString why = e.what();
            QVERIFY2(why.contains("'features.gelu'") && why.contains("GELU"), e.what());
        }

        CustomNet custom;
        o.imageSize = 8;
        try {
            weights::onnxModelBytes(custom, o);
            QFAIL("an unknown model was exported");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains("CustomNet"), e.what());
        }

        // Nothing is written for a refused model.
        const QString file = m_dir.path() + "/refused.onnx";
        QVERIFY_EXCEPTION_THROWN(weights::exportOnnx(custom, file.toStdString(), o), Error);
        QVERIFY(!QFile::exists(file));
    }

    // The file says what it is: opset, dynamic batch, input and output names, metadata.
    void fileDescribesItself()
    {
        models::ModelSpec spec;
        spec.name = "simple-cnn";
        spec.inputSize = 20;
        spec.inChannels = 1;
        auto net = models::createModel(spec, 1);
        weights::OnnxExportOptions o;
        o.channels = 1;
        o.imageSize = 20;
        o.metadata = {{"class_names", R"(["a","b"])"}};
        const QString file = m_dir.path() + "/self.onnx";
        weights::exportOnnx(*net, file.toStdString(), o);
        const auto info = weights::readOnnxFileInfo(file.toStdString());
        QCOMPARE(info.opset, std::int64_t(weights::kOnnxOpset));
        QCOMPARE(info.irVersion, std::int64_t(weights::kOnnxIrVersion));
        QCOMPARE(info.inputName, std::string("input"));
        QCOMPARE(info.outputName, std::string("logits"));
        QCOMPARE(info.inputDims, (std::vector<std::int64_t>{0, 1, 20, 20}));
        QCOMPARE(info.metadata.at("class_names"), std::string(R"(["a","b"])"));
        // Any batch size: 1, 5.
        data::OnnxNet run(file.toStdString());
        std::vector<float> x(5 * 20 * 20, 0.25f);
        QCOMPARE(run.forward(x.data(), 1, 1, 20).size(), std::size_t(10));
        QCOMPARE(run.forward(x.data(), 5, 1, 20).size(), std::size_t(50));
        // Bytes that are not ONNX: one line naming the file.
        const QString junk = m_dir.path() + "/junk.onnx";
        std::ofstream(junk.toStdString()) << "not a model";
        QVERIFY_EXCEPTION_THROWN(weights::readOnnxFileInfo(junk.toStdString()), Error);
        QVERIFY_EXCEPTION_THROWN(data::OnnxNet(junk.toStdString()), Error);
        // Cut or damaged files: read, or refused with a tl::Error, never a crash.
        std::ifstream in(file.toStdString(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), {});
        for (std::size_t cut = 0; cut < bytes.size(); cut += 997) {
            std::string damaged = bytes.substr(0, cut);
            try {
                weights::readOnnxFileInfoBytes(damaged, "cut.onnx");
            } catch (const Error &) {
            }
            if (cut < bytes.size()) {
                damaged = bytes;
                damaged[cut] = char(damaged[cut] ^ 0x5a);
                try {
                    weights::readOnnxFileInfoBytes(damaged, "flipped.onnx");
                } catch (const Error &) {
                }
            }
        }
    }

    void cleanupTestCase()
    {
        qInfo("largest logit difference over the catalogue, relative to max(1, |logit|): %.3g",
              m_worst);
    }
};

QTEST_GUILESS_MAIN(TestOnnxExport)
#include "tst_onnx_export.moc"
