//! The memory allocator of the `iopsite` binary: jemalloc, except that on Linux blocks of
//! 16 MiB and more are mapped straight from the system, so that growing one moves its pages
//! (`mremap`) instead of copying them. jemalloc does not build for MSVC targets; there the
//! system allocator takes its place, so the tool still builds on Windows.
//!
//! jemalloc grows a large block by allocating a new one, copying and freeing the old, so for a
//! moment both are in memory. That moment is the peak of a build with a big Markdown text,
//! whose parser keeps one growing array of all its elements: with jemalloc alone, the example
//! site with a report of two million one-letter lines (the most marks `load::limits` allows)
//! peaks at 395 MiB, and at 215 MiB with such blocks mapped. glibc's allocator maps them too;
//! jemalloc stays for everything else, where it saves about 10 % of the CPU time of a build.

use std::alloc::{GlobalAlloc, Layout};

// `Base` makes every block that is not mapped: jemalloc, or the system's allocator on MSVC
// targets, where jemalloc does not build.
#[cfg(target_env = "msvc")]
use std::alloc::System as Base;
#[cfg(not(target_env = "msvc"))]
use tikv_jemallocator::Jemalloc as Base;

/// jemalloc (the system allocator on MSVC), with blocks of [`MAPPED_FROM`] bytes and more
/// mapped from the system on Linux.
#[derive(Debug)]
pub struct Allocator;

/// The size from which a block is mapped from the system: few blocks are this large (a big
/// report's parser tree and pages, the exports of a national site), so the system calls cost
/// nothing measurable.
pub const MAPPED_FROM: usize = 16 * 1024 * 1024;

#[cfg(target_os = "linux")]
mod mapped {
    use std::alloc::Layout;
    use std::ptr;

    /// Every mapping is a whole number of pages of at least this size, and as aligned.
    const PAGE: usize = 4096;

    /// Whether a block of `layout` is mapped from the system. Blocks are freed and resized
    /// with the layout they were made with, so this tells where a block came from.
    #[inline]
    pub fn is_mapped(layout: Layout) -> bool {
        layout.size() >= super::MAPPED_FROM && layout.align() <= PAGE
    }

    /// `size` rounded up to whole pages; `size` is at most `isize::MAX`, so this cannot
    /// overflow.
    fn pages(size: usize) -> usize {
        size.next_multiple_of(PAGE)
    }

    /// A new mapping of `size` bytes, zeroed, or null.
    pub fn map(size: usize) -> *mut u8 {
        // SAFETY: an anonymous private mapping at an address the system chooses touches no
        // existing memory.
        let block = unsafe {
            libc::mmap(
                ptr::null_mut(),
                pages(size),
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if block == libc::MAP_FAILED {
            ptr::null_mut()
        } else {
            block.cast()
        }
    }

    /// Unmaps a block made by [`map`] or [`remap`].
    ///
    /// # Safety
    /// `block` must be such a block of `size` bytes, not used afterwards.
    pub unsafe fn unmap(block: *mut u8, size: usize) {
        // SAFETY: the caller passes a whole mapping of ours. Unmapping it can only fail for
        // arguments that are not one, so the result says nothing new.
        unsafe { libc::munmap(block.cast(), pages(size)) };
    }

    /// Resizes a block made by [`map`] or [`remap`], moving its pages if needed; null if
    /// the system refuses (the block is then unchanged).
    ///
    /// # Safety
    /// `block` must be such a block of `size` bytes.
    pub unsafe fn remap(block: *mut u8, size: usize, new_size: usize) -> *mut u8 {
        // SAFETY: the caller passes a whole mapping of ours; MREMAP_MAYMOVE lets the system
        // choose a new place that overlaps nothing else.
        let moved = unsafe {
            libc::mremap(
                block.cast(),
                pages(size),
                pages(new_size),
                libc::MREMAP_MAYMOVE,
            )
        };
        if moved == libc::MAP_FAILED {
            ptr::null_mut()
        } else {
            moved.cast()
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod mapped {
    use std::alloc::Layout;

    /// Elsewhere the base allocator makes every block.
    #[inline]
    pub fn is_mapped(_: Layout) -> bool {
        false
    }

    pub fn map(_: usize) -> *mut u8 {
        unreachable!("no block is mapped on this system")
    }

    pub unsafe fn unmap(_: *mut u8, _: usize) {
        unreachable!("no block is mapped on this system")
    }

    pub unsafe fn remap(_: *mut u8, _: usize, _: usize) -> *mut u8 {
        unreachable!("no block is mapped on this system")
    }
}

// Every method is `#[inline]`, as jemalloc's are, so that the binary's allocation calls reach
// jemalloc directly with one comparison more (without, they cost 1 % more instructions).
//
// SAFETY: every block comes from `Base` or from the system's mappings according to its layout alone
// (`mapped::is_mapped`), and goes back to the same; a block that changes sides when resized
// is copied into a new block of the other side.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if mapped::is_mapped(layout) {
            mapped::map(layout.size())
        } else {
            // SAFETY: the caller keeps `alloc`'s contract, which `Base`'s is.
            unsafe { Base.alloc(layout) }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if mapped::is_mapped(layout) {
            // New mappings are zeroed by the system, and stay untouched (not resident) until
            // used.
            mapped::map(layout.size())
        } else {
            // SAFETY: as for `alloc`.
            unsafe { Base.alloc_zeroed(layout) }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        if mapped::is_mapped(layout) {
            // SAFETY: a block of this layout was mapped by `alloc` or `realloc`.
            unsafe { mapped::unmap(block, layout.size()) }
        } else {
            // SAFETY: a block of this layout came from `Base`.
            unsafe { Base.dealloc(block, layout) }
        }
    }

    #[inline]
    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `realloc`'s contract: `new_size` rounded up to the alignment fits an isize.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        match (mapped::is_mapped(layout), mapped::is_mapped(new_layout)) {
            // SAFETY: a block of `Base` staying with it.
            (false, false) => unsafe { Base.realloc(block, layout, new_size) },
            // SAFETY: a mapped block staying mapped.
            (true, true) => unsafe { mapped::remap(block, layout.size(), new_size) },
            _ => {
                // SAFETY: `new_layout` has a non-zero size (one side is mapped, so at least
                // `MAPPED_FROM`, or it is the old block's side with its size); the old block
                // is valid for its size and freed only after the copy.
                unsafe {
                    let new = self.alloc(new_layout);
                    if !new.is_null() {
                        std::ptr::copy_nonoverlapping(block, new, layout.size().min(new_size));
                        self.dealloc(block, layout);
                    }
                    new
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fills `len` bytes from `block` with a pattern and checks an earlier fill survived.
    ///
    /// # Safety
    /// `block` must be valid for `len` bytes, and the first `kept` filled by an earlier call.
    unsafe fn fill_and_check(block: *mut u8, kept: usize, len: usize) {
        // SAFETY: every index is below `kept` or `len`, as the caller promises.
        unsafe {
            for i in (0..kept).step_by(4093) {
                assert_eq!(*block.add(i), (i % 251) as u8, "byte {i} lost");
            }
            for i in (0..len).step_by(4093) {
                *block.add(i) = (i % 251) as u8;
            }
        }
    }

    #[test]
    fn blocks_grow_and_shrink_across_the_threshold_keeping_their_bytes() {
        let small = 1024 * 1024;
        let sizes = [
            small,
            MAPPED_FROM,
            3 * MAPPED_FROM + 17,
            MAPPED_FROM + 1,
            small / 2,
            2 * MAPPED_FROM,
        ];
        // SAFETY: each block is used within the size it was made or resized to, and resized
        // and freed with the layout it has.
        unsafe {
            let mut layout = Layout::from_size_align(sizes[0], 8).unwrap();
            let mut block = Allocator.alloc(layout);
            assert!(!block.is_null());
            fill_and_check(block, 0, layout.size());
            for &size in &sizes[1..] {
                let kept = layout.size().min(size);
                block = Allocator.realloc(block, layout, size);
                assert!(!block.is_null(), "resize to {size}");
                layout = Layout::from_size_align(size, 8).unwrap();
                fill_and_check(block, kept, size);
            }
            Allocator.dealloc(block, layout);
        }
    }

    #[test]
    fn zeroed_blocks_are_zero_on_both_sides() {
        for size in [64, MAPPED_FROM + 5] {
            let layout = Layout::from_size_align(size, 16).unwrap();
            // SAFETY: the block is read within its size and freed with its layout.
            unsafe {
                let block = Allocator.alloc_zeroed(layout);
                assert!(!block.is_null());
                assert!((0..size).step_by(997).all(|i| *block.add(i) == 0));
                assert_eq!(*block.add(size - 1), 0);
                Allocator.dealloc(block, layout);
            }
        }
    }

    #[test]
    fn large_alignments_stay_with_the_base_allocator() {
        let layout = Layout::from_size_align(MAPPED_FROM, 1 << 16).unwrap();
        assert!(!mapped::is_mapped(layout));
        // SAFETY: the block is freed with its layout and not touched.
        unsafe {
            let block = Allocator.alloc(layout);
            assert!(!block.is_null());
            assert_eq!(block as usize % (1 << 16), 0);
            Allocator.dealloc(block, layout);
        }
    }
}
