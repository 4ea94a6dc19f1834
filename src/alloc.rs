//! The program's allocator: small blocks from mimalloc, the rest from the system's allocator.
//!
//! A reload makes and frees some 45 small blocks per item (titles, links, keys, the parser's
//! vectors), most of them on one thread and many freed on another (the store's writer). glibc's
//! malloc spent 13 % of a full-text reload in those calls; mimalloc's thread-local free lists make
//! them cheap. mimalloc alone keeps big blocks (feed bodies of 100 KB–1 MB, full texts) in its own
//! pages and held 50 MiB at the peak of a reload where glibc holds 29 MiB, more than newsboat's 33;
//! so blocks above [`SMALL`] go to the system's allocator, which the binary tunes to map them
//! straight from the OS and give them back when freed (see `main.rs`). Measured on a cold reload of
//! 200 full-text feeds (`benches/compare.sh`'s shape), alternating with glibc alone: wall time
//! 10–12 % and CPU time 7–8 % lower, peak RSS +2 MiB (30.5 MiB).
//!
//! Which allocator owns a block follows from its size alone, and Rust hands `dealloc` and `realloc`
//! the layout the block was made with, so no block ever reaches the wrong one.

use std::alloc::{GlobalAlloc, Layout, System};

/// Blocks of at most this many bytes come from mimalloc.
pub const SMALL: usize = 1024;

/// The split allocator (see the module's comment); `#[global_allocator]` in `main.rs`.
pub struct Split;

#[inline]
fn small(size: usize) -> bool {
    size <= SMALL
}

// SAFETY: every call goes to one allocator chosen by the block's size; a block's size (from its
// layout, the same in `alloc` and `dealloc` by GlobalAlloc's contract) always chooses the same one,
// and `realloc` across the limit moves the block from one allocator to the other.
unsafe impl GlobalAlloc for Split {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if small(layout.size()) {
            mimalloc::MiMalloc.alloc(layout)
        } else {
            System.alloc(layout)
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if small(layout.size()) {
            mimalloc::MiMalloc.alloc_zeroed(layout)
        } else {
            System.alloc_zeroed(layout)
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if small(layout.size()) {
            mimalloc::MiMalloc.dealloc(ptr, layout)
        } else {
            System.dealloc(ptr, layout)
        }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        match (small(layout.size()), small(new_size)) {
            (true, true) => mimalloc::MiMalloc.realloc(ptr, layout, new_size),
            (false, false) => System.realloc(ptr, layout, new_size),
            _ => {
                // SAFETY: the caller guarantees that new_size, rounded up to the alignment, does not
                // overflow isize (GlobalAlloc::realloc's contract)
                let new = Layout::from_size_align_unchecked(new_size, layout.align());
                let moved = self.alloc(new);
                if !moved.is_null() {
                    std::ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
                moved
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned_by_mimalloc(p: *const u8) -> bool {
        // SAFETY: only asks whether the address lies in mimalloc's heap
        unsafe { libmimalloc_sys::mi_is_in_heap_region(p.cast()) }
    }

    /// A block of `size` bytes filled with a pattern that tells its bytes apart.
    fn filled(size: usize, align: usize) -> (*mut u8, Layout) {
        let layout = Layout::from_size_align(size, align).unwrap();
        // SAFETY: size > 0; the block is written within its size
        unsafe {
            let p = Split.alloc(layout);
            assert!(!p.is_null());
            for i in 0..size {
                *p.add(i) = (i % 251) as u8;
            }
            (p, layout)
        }
    }

    fn holds_pattern(p: *const u8, len: usize) -> bool {
        // SAFETY: the caller passes a live block of at least len bytes
        (0..len).all(|i| unsafe { *p.add(i) } == (i % 251) as u8)
    }

    #[test]
    fn small_blocks_come_from_mimalloc_and_big_ones_from_the_system() {
        for (size, small) in [
            (1, true),
            (SMALL, true),
            (SMALL + 1, false),
            (1 << 20, false),
        ] {
            let (p, layout) = filled(size, 8);
            assert_eq!(owned_by_mimalloc(p), small, "{size} bytes");
            // SAFETY: made above with this layout
            unsafe { Split.dealloc(p, layout) };
        }
        let layout = Layout::from_size_align(3 * SMALL, 64).unwrap();
        // SAFETY: a zeroed block, read within its size and freed with its layout
        unsafe {
            let p = Split.alloc_zeroed(layout);
            assert_eq!(p as usize % 64, 0);
            assert!((0..layout.size()).all(|i| *p.add(i) == 0));
            assert!(!owned_by_mimalloc(p));
            Split.dealloc(p, layout);
        }
    }

    #[test]
    fn realloc_keeps_the_contents_across_the_limit_both_ways() {
        for align in [1, 8, 32] {
            let steps = [
                10,
                SMALL,
                SMALL + 1,
                64 * SMALL,
                SMALL - 1,
                3,
                5000,
                5001,
                2,
            ];
            let (mut p, mut layout) = filled(steps[0], align);
            for &next in &steps[1..] {
                // SAFETY: p is live with `layout`; the new block is refilled within its size
                unsafe {
                    let q = Split.realloc(p, layout, next);
                    assert!(!q.is_null());
                    assert_eq!(q as usize % align, 0);
                    let kept = layout.size().min(next);
                    assert!(holds_pattern(q, kept), "{} -> {next}", layout.size());
                    assert_eq!(owned_by_mimalloc(q), small(next), "{next} bytes");
                    for i in kept..next {
                        *q.add(i) = (i % 251) as u8;
                    }
                    p = q;
                    layout = Layout::from_size_align(next, align).unwrap();
                }
            }
            // SAFETY: the last block, freed with its layout
            unsafe { Split.dealloc(p, layout) };
        }
    }

    #[test]
    fn blocks_freed_on_another_thread() {
        let blocks: Vec<(usize, usize)> = (0..2000)
            .map(|i| {
                let (p, l) = filled(1 + (i * 37) % (3 * SMALL), 8);
                (p as usize, l.size())
            })
            .collect();
        std::thread::spawn(move || {
            for (p, size) in blocks {
                assert!(holds_pattern(p as *const u8, size));
                // SAFETY: each block was made with this layout and is freed once
                unsafe { Split.dealloc(p as *mut u8, Layout::from_size_align(size, 8).unwrap()) };
            }
        })
        .join()
        .unwrap();
    }
}
