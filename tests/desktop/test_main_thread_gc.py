import gc
import threading

from desktop import main_thread_gc


def test_cycles_are_collected_by_the_ui_thread_timer_not_by_workers(qtbot, qapp):
    collector = main_thread_gc.install(qapp)
    assert not gc.isenabled()

    class Node:
        pass

    def make_garbage():
        for _ in range(5000):
            a, b = Node(), Node()
            a.other, b.other = b, a  # a cycle only the collector can free

    worker = threading.Thread(target=make_garbage)
    worker.start()
    worker.join()
    assert gc.get_count()[0] > collector.thresholds[0]  # the worker did not collect
    collector.check()
    assert gc.get_count()[0] < collector.thresholds[0]
