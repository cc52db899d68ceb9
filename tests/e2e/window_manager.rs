//! What a window manager does when the mediator clicks a window's close button: send the
//! window a `WM_DELETE_WINDOW` client message (ICCCM 4.2.8.1). GTK turns it into a delete
//! event and Tauri into `CloseRequested`, the same path as a real click; Xvfb has no window
//! manager, so the test sends it itself. libX11 is loaded at run time (x11-dl).

use std::ffi::CString;
use std::os::raw::{c_int, c_long, c_uchar, c_uint, c_ulong};
use std::ptr;

use x11_dl::xlib;

/// Sends `WM_DELETE_WINDOW` to the top-level windows of process `pid` (by `_NET_WM_PID`)
/// titled `title` (GTK also makes an untitled client-leader window). Returns how many.
pub fn ask_windows_of_process_to_close(pid: u32, title: &str) -> usize {
    let x = xlib::Xlib::open().expect("libX11 loads");
    // SAFETY: plain Xlib calls on a display this function opens and closes; every buffer
    // Xlib returns is freed with XFree.
    unsafe {
        let display = (x.XOpenDisplay)(ptr::null());
        assert!(!display.is_null(), "cannot open the X display (DISPLAY)");
        let atom = |name: &str| {
            let name = CString::new(name).unwrap();
            (x.XInternAtom)(display, name.as_ptr(), xlib::False)
        };
        let (protocols, delete, wm_pid) = (
            atom("WM_PROTOCOLS"),
            atom("WM_DELETE_WINDOW"),
            atom("_NET_WM_PID"),
        );
        let root = (x.XDefaultRootWindow)(display);
        let (mut root_out, mut parent) = (0, 0);
        let mut children: *mut c_ulong = ptr::null_mut();
        let mut count: c_uint = 0;
        (x.XQueryTree)(
            display,
            root,
            &mut root_out,
            &mut parent,
            &mut children,
            &mut count,
        );
        let windows: Vec<c_ulong> = if children.is_null() {
            Vec::new()
        } else {
            let list = std::slice::from_raw_parts(children, count as usize).to_vec();
            (x.XFree)(children.cast());
            list
        };
        let mut asked = 0;
        for window in windows {
            let (mut kind, mut format, mut items, mut after) = (0, 0 as c_int, 0, 0);
            let mut data: *mut c_uchar = ptr::null_mut();
            let status = (x.XGetWindowProperty)(
                display,
                window,
                wm_pid,
                0,
                1,
                xlib::False,
                xlib::XA_CARDINAL,
                &mut kind,
                &mut format,
                &mut items,
                &mut after,
                &mut data,
            );
            if status != 0 || data.is_null() {
                continue;
            }
            let owner = if format == 32 && items == 1 {
                *(data as *const c_ulong) as u32
            } else {
                0
            };
            (x.XFree)(data.cast());
            if owner != pid {
                continue;
            }
            let mut name: *mut std::os::raw::c_char = ptr::null_mut();
            (x.XFetchName)(display, window, &mut name);
            let titled =
                !name.is_null() && std::ffi::CStr::from_ptr(name).to_bytes() == title.as_bytes();
            if !name.is_null() {
                (x.XFree)(name.cast());
            }
            if !titled {
                continue;
            }
            let mut message = xlib::XClientMessageEvent {
                type_: xlib::ClientMessage,
                serial: 0,
                send_event: xlib::True,
                display,
                window,
                message_type: protocols,
                format: 32,
                data: xlib::ClientMessageData::new(),
            };
            message.data.set_long(0, delete as c_long);
            message.data.set_long(1, xlib::CurrentTime as c_long);
            let mut event = xlib::XEvent {
                client_message: message,
            };
            (x.XSendEvent)(display, window, xlib::False, xlib::NoEventMask, &mut event);
            asked += 1;
        }
        (x.XFlush)(display);
        (x.XCloseDisplay)(display);
        asked
    }
}
